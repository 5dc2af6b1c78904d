namespace Sightline.Server.Configuration;

/// <summary>One invalid setting: the variable to change and what to do about it, printed as one line.</summary>
internal sealed record ConfigurationError(string Variable, string Problem, string Fix)
{
    public override string ToString() => $"{Variable}: {Problem} Fix: {Fix}";
}
