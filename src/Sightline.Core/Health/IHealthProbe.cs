namespace Sightline.Health;

/// <summary>
/// A storage component's liveness check, run by <c>GET /api/public/health</c>. Each storage project registers
/// one per engine it owns; a probe returns null when healthy or a short reason when not.
/// </summary>
public interface IHealthProbe
{
    string Name { get; }

    /// <summary>Returns null when usable, else a reason safe to show to an unauthenticated caller.</summary>
    Task<string?> CheckAsync(CancellationToken ct);
}
