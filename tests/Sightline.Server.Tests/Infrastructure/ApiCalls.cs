using System.Net;
using System.Text.Json;

namespace Sightline.Server.Tests.Infrastructure;

public static class ApiCalls
{
    public static async Task<JsonElement> GetOkAsync(this HttpClient client, string path) =>
        await Tenant.ReadAsync(await client.GetAsync(path), HttpStatusCode.OK);

    /// <summary>GETs a path expected to fail validation; returns the message, which must name <paramref name="parameter"/>.</summary>
    public static async Task<string> GetBadRequestAsync(this HttpClient client, string path, string parameter)
    {
        var body = await Tenant.ReadAsync(await client.GetAsync(path), HttpStatusCode.BadRequest);
        var message = body.GetProperty("message").GetString()!;
        Assert.StartsWith(parameter, message, StringComparison.Ordinal);
        Assert.Equal("InvalidRequestError", body.GetProperty("error").GetString());
        return message;
    }

    public static string[] Ids(this JsonElement body) =>
        body.GetProperty("data").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToArray();

    public static (int Page, int Limit, long TotalItems, long TotalPages) Meta(this JsonElement body)
    {
        var meta = body.GetProperty("meta");
        return (meta.GetProperty("page").GetInt32(), meta.GetProperty("limit").GetInt32(), meta.GetProperty("totalItems").GetInt64(), meta.GetProperty("totalPages").GetInt64());
    }

    public static string Query(string json) => Uri.EscapeDataString(json);
}
