using Microsoft.Extensions.Configuration;

namespace Sightline.Server.Configuration;

/// <summary>Reads raw variables, treating empty values as unset, and collects the errors found.</summary>
internal sealed class SettingsReader(IConfiguration configuration)
{
    public ConfigurationErrorList Errors { get; } = [];

    public string? Get(string name) => configuration[name] is { Length: > 0 } value ? value.Trim() : null;

    /// <summary>Reads a secret verbatim: leading or trailing spaces may be part of it.</summary>
    public string? GetRaw(string name) => configuration[name] is { Length: > 0 } value ? value : null;

    public bool? GetBool(string name)
    {
        var value = Get(name);
        switch (value?.ToLowerInvariant())
        {
            case null: return null;
            case "true" or "1" or "yes": return true;
            case "false" or "0" or "no": return false;
            default:
                Errors.Add(name, $"is '{value}', which is not a boolean.", "set it to true or false.");
                return null;
        }
    }
}
