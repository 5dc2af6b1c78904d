using System.Text.RegularExpressions;
using Sightline.Server.Configuration;

namespace Sightline.Deploy.Tests;

/// <summary>
/// Decides whether an environment given to a Sightline container is one the server accepts: the server's own settings
/// reader loads it (with the container's role) and must report no error, and every variable must be one the server
/// actually reads, so a misspelt name fails instead of being silently ignored.
/// </summary>
internal static partial class SightlineVariables
{
    /// <summary>Variables the host reads directly rather than through <see cref="SightlineSettings.Load"/>, from the source.</summary>
    public static IReadOnlySet<string> ReadByHost { get; } = FindHostReads();

    public static Verdict Check(IReadOnlyDictionary<string, string> environment, string role)
    {
        var values = new Dictionary<string, string>(environment, StringComparer.Ordinal) { ["role"] = role };
        var configuration = new RecordingConfiguration(values);
        var (_, errors) = SightlineSettings.Load(configuration);
        var unread = environment.Keys.Where(k => !configuration.Requested.Contains(k) && !ReadByHost.Contains(k)).Order(StringComparer.Ordinal).ToList();
        return new Verdict([.. errors.Select(e => e.ToString())], unread);
    }

    public static void AssertAccepted(IReadOnlyDictionary<string, string> environment, string role, string where)
    {
        var verdict = Check(environment, role);
        Assert.True(verdict.Errors.Count == 0, $"{where} (--role {role}): Sightline refuses this configuration:\n{string.Join('\n', verdict.Errors)}");
        Assert.True(verdict.Unread.Count == 0, $"{where}: Sightline reads no variable named {string.Join(", ", verdict.Unread)} (see docs/configuration.md)");
    }

    private static HashSet<string> FindHostReads()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repository.Root, "src"), "*.cs", SearchOption.AllDirectories))
        {
            foreach (Match match in HostRead().Matches(File.ReadAllText(file)))
            {
                names.Add(match.Groups["name"].Value);
            }
        }

        return names;
    }

    [GeneratedRegex("""(?:Configuration\[|GetEnvironmentVariable\()"(?<name>[A-Z][A-Z0-9_]+)"[\])]""")]
    private static partial Regex HostRead();

    internal sealed record Verdict(IReadOnlyList<string> Errors, IReadOnlyList<string> Unread);
}
