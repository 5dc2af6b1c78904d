using System.Text.Json;
using Sightline.Tracing;

namespace Sightline.Storage.ClickHouse;

/// <summary>Observations to JSONEachRow rows and back, in <see cref="ClickHouseTables.Observations"/> order.</summary>
internal static class ObservationRows
{
    public static void Write(Utf8JsonWriter w, ObservationRecord o, string version)
    {
        w.WriteStartObject();
        w.WriteString("id", o.Id);
        w.WriteString("trace_id", o.TraceId);
        w.WriteString("project_id", o.ProjectId);
        w.WriteString("type", o.Type);
        w.WriteNullable("parent_observation_id", o.ParentObservationId);
        w.WriteTime("start_time", o.StartTime);
        w.WriteTime("end_time", o.EndTime);
        w.WriteTime("completion_start_time", o.CompletionStartTime);
        w.WriteNullable("name", o.Name);
        w.WriteMap("metadata", o.Metadata);
        w.WriteString("level", o.Level);
        w.WriteNullable("status_message", o.StatusMessage);
        w.WriteNullable("version", o.Version);
        w.WriteNullable("input", o.Input);
        w.WriteNullable("output", o.Output);
        w.WriteNullable("provided_model_name", o.ProvidedModelName);
        w.WriteNullable("internal_model_id", o.InternalModelId);
        w.WriteNullable("model_parameters", o.ModelParameters);
        w.WriteMap("provided_usage_details", o.ProvidedUsageDetails);
        w.WriteMap("usage_details", o.UsageDetails);
        w.WriteMap("provided_cost_details", o.ProvidedCostDetails);
        w.WriteMap("cost_details", o.CostDetails);
        w.WriteMoney("total_cost", o.TotalCost);
        w.WriteNullable("usage_pricing_tier_id", o.UsagePricingTierId);
        w.WriteNullable("usage_pricing_tier_name", o.UsagePricingTierName);
        w.WriteNullable("prompt_id", o.PromptId);
        w.WriteNullable("prompt_name", o.PromptName);
        if (o.PromptVersion is { } promptVersion)
        {
            w.WriteNumber("prompt_version", promptVersion);
        }
        else
        {
            w.WriteNull("prompt_version");
        }

        w.WriteString("environment", o.Environment);
        w.WriteTime("created_at", o.CreatedAt);
        w.WriteTime("updated_at", o.UpdatedAt);
        w.WriteVersion(version);
        w.WriteEndObject();
    }

    public static ObservationRecord Read(ClickHouseRow r) => new()
    {
        Id = r.String(0),
        TraceId = r.String(1),
        ProjectId = r.String(2),
        Type = r.String(3),
        ParentObservationId = r.NullableString(4),
        StartTime = r.Time(5),
        EndTime = r.NullableTime(6),
        CompletionStartTime = r.NullableTime(7),
        Name = r.NullableString(8),
        Metadata = r.StringMap(9),
        Level = r.String(10),
        StatusMessage = r.NullableString(11),
        Version = r.NullableString(12),
        Input = r.NullableString(13),
        Output = r.NullableString(14),
        ProvidedModelName = r.NullableString(15),
        InternalModelId = r.NullableString(16),
        ModelParameters = r.NullableString(17),
        ProvidedUsageDetails = r.LongMap(18),
        UsageDetails = r.LongMap(19),
        ProvidedCostDetails = r.DecimalMap(20),
        CostDetails = r.DecimalMap(21),
        TotalCost = r.NullableDecimal(22),
        UsagePricingTierId = r.NullableString(23),
        UsagePricingTierName = r.NullableString(24),
        PromptId = r.NullableString(25),
        PromptName = r.NullableString(26),
        PromptVersion = r.NullableInt(27),
        Environment = r.String(28),
        CreatedAt = r.Time(29),
        UpdatedAt = r.Time(30),
    };
}
