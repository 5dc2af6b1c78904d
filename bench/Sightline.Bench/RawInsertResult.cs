namespace Sightline.Bench;

/// <summary>
/// The raw ClickHouse baseline: rows/s inserted, latency of one write (ms), writes done and failed, the front's peak
/// RSS (MB), the rows each write carried and the observation rows counted in ClickHouse afterwards.
/// </summary>
internal sealed record RawInsertResult(
    double RowsPerSecond,
    double P50,
    double P99,
    int Writes,
    int FailedWrites,
    string? FirstError,
    double FrontPeakRssMegabytes,
    int RequestsPerWrite,
    int RowsPerWrite,
    long ObservationsStored,
    long ObservationsExpected);
