namespace Sightline.Otel;

/// <summary>A span's status: code 0 unset, 1 ok, 2 error.</summary>
internal sealed record OtlpStatus(int Code, string? Message)
{
    public const int Error = 2;

    public static readonly OtlpStatus Unset = new(0, null);
}
