namespace Sightline.Server.Configuration;

internal sealed class ConfigurationErrorList : List<ConfigurationError>
{
    public void Add(string variable, string problem, string fix) => Add(new ConfigurationError(variable, problem, fix));
}
