using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Sightline.Api;

/// <summary>Typed results carrying Langfuse's error names.</summary>
public static class ApiErrors
{
    public static BadRequest<ApiError> BadRequest(string message) => TypedResults.BadRequest(new ApiError(message, "InvalidRequestError"));

    public static NotFound<ApiError> NotFound(string message) => TypedResults.NotFound(new ApiError(message, "LangfuseNotFoundError"));

    public static Conflict<ApiError> Conflict(string message) => TypedResults.Conflict(new ApiError(message, "LangfuseConflictError"));

    public static JsonHttpResult<ApiError> Unavailable(string message) =>
        TypedResults.Json(new ApiError(message, "ServiceUnavailableError"), SightlineJson.Default.ApiError, statusCode: StatusCodes.Status503ServiceUnavailable);
}
