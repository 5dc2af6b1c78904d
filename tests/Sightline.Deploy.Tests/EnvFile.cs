using System.Security.Cryptography;

namespace Sightline.Deploy.Tests;

/// <summary>deploy/.env.example, and a filled-in copy with made-up secrets for rendering.</summary>
internal static class EnvFile
{
    public static List<KeyValuePair<string, string>> Parse(string text) =>
    [
        .. text.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .Select(parts => parts.Length == 2
                ? KeyValuePair.Create(parts[0], parts[1])
                : throw new FormatException($".env.example: '{parts[0]}' is not NAME=value")),
    ];

    /// <summary>The example with every empty value filled: ENCRYPTION_KEY with 64 random hex characters, others with a test string.</summary>
    public static Dictionary<string, string> FilledExample()
    {
        var filled = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in Parse(Repository.Read(Repository.EnvExample)))
        {
            filled[name] = value.Length > 0 ? value
                : name == "ENCRYPTION_KEY" ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))
                : name.StartsWith("LANGFUSE_INIT_", StringComparison.Ordinal) ? string.Empty
                : $"test-{name.ToLowerInvariant()}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}";
        }

        return filled;
    }

    public static string Write(IReadOnlyDictionary<string, string> values)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("sightline-deploy-").FullName, ".env");
        File.WriteAllLines(path, values.Select(v => $"{v.Key}={v.Value}"));
        return path;
    }
}
