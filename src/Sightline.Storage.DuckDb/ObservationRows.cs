using DuckDB.NET.Data;
using Sightline.Tracing;
using static Sightline.Storage.DuckDb.DuckDbValues;

namespace Sightline.Storage.DuckDb;

/// <summary>Observations to staging rows and back, in <see cref="AnalyticsTables.Observations"/> order.</summary>
internal static class ObservationRows
{
    public static void Append(DuckDBAppender appender, ObservationRecord o) =>
        appender.CreateRow()
            .AppendValue(o.Id)
            .AppendValue(o.TraceId)
            .AppendValue(o.ProjectId)
            .AppendValue(o.Type)
            .AppendNullable(o.ParentObservationId)
            .AppendValue(ToStored(o.StartTime))
            .AppendValue(ToStored(o.EndTime))
            .AppendValue(ToStored(o.CompletionStartTime))
            .AppendNullable(o.Name)
            .AppendMap(o.Metadata)
            .AppendValue(o.Level)
            .AppendNullable(o.StatusMessage)
            .AppendNullable(o.Version)
            .AppendNullable(o.Input)
            .AppendNullable(o.Output)
            .AppendNullable(o.ProvidedModelName)
            .AppendNullable(o.InternalModelId)
            .AppendNullable(o.ModelParameters)
            .AppendMap(o.ProvidedUsageDetails)
            .AppendMap(o.UsageDetails)
            .AppendMap(o.ProvidedCostDetails)
            .AppendMap(o.CostDetails)
            .AppendValue(o.TotalCost)
            .AppendNullable(o.UsagePricingTierId)
            .AppendNullable(o.UsagePricingTierName)
            .AppendNullable(o.PromptId)
            .AppendNullable(o.PromptName)
            .AppendValue(o.PromptVersion)
            .AppendValue(o.Environment)
            .AppendValue(ToStored(o.CreatedAt))
            .AppendValue(ToStored(o.UpdatedAt))
            .EndRow();

    public static ObservationRecord Read(DuckDBDataReader r) => new()
    {
        Id = r.GetString(0),
        TraceId = r.GetString(1),
        ProjectId = r.GetString(2),
        Type = r.GetString(3),
        ParentObservationId = ReadNullableString(r, 4),
        StartTime = ReadTime(r, 5),
        EndTime = ReadNullableTime(r, 6),
        CompletionStartTime = ReadNullableTime(r, 7),
        Name = ReadNullableString(r, 8),
        Metadata = ReadMap<string>(r, 9),
        Level = r.GetString(10),
        StatusMessage = ReadNullableString(r, 11),
        Version = ReadNullableString(r, 12),
        Input = ReadNullableString(r, 13),
        Output = ReadNullableString(r, 14),
        ProvidedModelName = ReadNullableString(r, 15),
        InternalModelId = ReadNullableString(r, 16),
        ModelParameters = ReadNullableString(r, 17),
        ProvidedUsageDetails = ReadMap<long>(r, 18),
        UsageDetails = ReadMap<long>(r, 19),
        ProvidedCostDetails = ReadMap<decimal>(r, 20),
        CostDetails = ReadMap<decimal>(r, 21),
        TotalCost = r.IsDBNull(22) ? null : r.GetDecimal(22),
        UsagePricingTierId = ReadNullableString(r, 23),
        UsagePricingTierName = ReadNullableString(r, 24),
        PromptId = ReadNullableString(r, 25),
        PromptName = ReadNullableString(r, 26),
        PromptVersion = r.IsDBNull(27) ? null : r.GetInt32(27),
        Environment = r.GetString(28),
        CreatedAt = ReadTime(r, 29),
        UpdatedAt = ReadTime(r, 30),
    };
}
