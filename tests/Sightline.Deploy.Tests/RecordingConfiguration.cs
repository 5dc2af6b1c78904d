using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Sightline.Deploy.Tests;

/// <summary>Configuration from a dictionary that remembers every key the reader asked for.</summary>
internal sealed class RecordingConfiguration(IReadOnlyDictionary<string, string> values) : IConfiguration
{
    private readonly IConfigurationRoot _inner = new ConfigurationBuilder()
        .AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)))
        .Build();

    public HashSet<string> Requested { get; } = new(StringComparer.Ordinal);

    public string? this[string key]
    {
        get
        {
            Requested.Add(key);
            return _inner[key];
        }
        set => throw new NotSupportedException();
    }

    public IEnumerable<IConfigurationSection> GetChildren() => throw new NotSupportedException("the settings reader asks for keys by name");

    public IChangeToken GetReloadToken() => _inner.GetReloadToken();

    public IConfigurationSection GetSection(string key) => throw new NotSupportedException("the settings reader asks for keys by name");
}
