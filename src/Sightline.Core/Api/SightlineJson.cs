using System.Text.Json;
using System.Text.Json.Serialization;
using Sightline.Health;
using Sightline.Ingestion;
using Sightline.Projects;
using Sightline.Tracing;

namespace Sightline.Api;

/// <summary>Source-generated serializers for the public API's bodies, inserted first in the resolver chain.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, Converters = [typeof(UtcMillisecondsConverter)])]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(ProjectListResponse))]
[JsonSerializable(typeof(ProjectDto))]
[JsonSerializable(typeof(CreateProjectRequest))]
[JsonSerializable(typeof(UpdateProjectRequest))]
[JsonSerializable(typeof(ProjectDeletionResponse))]
[JsonSerializable(typeof(ApiKeyListResponse))]
[JsonSerializable(typeof(ApiKeySummaryDto))]
[JsonSerializable(typeof(CreateApiKeyRequest))]
[JsonSerializable(typeof(CreatedApiKeyDto))]
[JsonSerializable(typeof(SuccessResponse))]
[JsonSerializable(typeof(OrganizationProjectsResponse))]
[JsonSerializable(typeof(MembershipsResponse))]
[JsonSerializable(typeof(MembershipRequest))]
[JsonSerializable(typeof(DeleteMembershipRequest))]
[JsonSerializable(typeof(MembershipDeletionResponse))]
[JsonSerializable(typeof(OrganizationDto))]
[JsonSerializable(typeof(OrganizationListResponse))]
[JsonSerializable(typeof(OrganizationRequest))]
[JsonSerializable(typeof(IngestionResponse))]
[JsonSerializable(typeof(TraceDto))]
[JsonSerializable(typeof(ObservationDto))]
[JsonSerializable(typeof(TraceListResponse))]
[JsonSerializable(typeof(TraceDeletionResponse))]
[JsonSerializable(typeof(DeleteTracesRequest))]
[JsonSerializable(typeof(ObservationListResponse))]
[JsonSerializable(typeof(ObservationsV2Response))]
[JsonSerializable(typeof(SessionListResponse))]
[JsonSerializable(typeof(SessionWithTracesDto))]
[JsonSerializable(typeof(Sightline.Metrics.DailyMetricsResponse))]
[JsonSerializable(typeof(Sightline.Metrics.MetricsResponse))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Sightline.Costs.ModelDto))]
[JsonSerializable(typeof(Sightline.Costs.ModelListResponse))]
[JsonSerializable(typeof(Sightline.Costs.ModelDeletionResponse))]
[JsonSerializable(typeof(Sightline.Prompts.PromptDto))]
[JsonSerializable(typeof(Sightline.Prompts.PromptVersionDto))]
[JsonSerializable(typeof(Sightline.Prompts.PromptListResponse))]
[JsonSerializable(typeof(List<Sightline.Prompts.PromptMessage>))]
[JsonSerializable(typeof(Sightline.Media.MediaUploadUrlResponse))]
[JsonSerializable(typeof(Sightline.Media.MediaDto))]
[JsonSerializable(typeof(Sightline.Media.MediaMessageResponse))]
[JsonSerializable(typeof(Sightline.Otel.OtelError))]
[JsonSerializable(typeof(Sightline.Otel.OtelExportResponse))]
[JsonSerializable(typeof(Sightline.Otel.OtelMessageResponse))]
internal sealed partial class SightlineJson : JsonSerializerContext;
