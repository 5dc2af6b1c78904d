using System.Globalization;
using System.Text.Json;
using Sightline.Api;

namespace Sightline.LlmConnections;

/// <summary>Reads the upsert body the way Langfuse validates it; each failure names the field.</summary>
internal static class LlmConnectionRequestParser
{
    public static string? ParseUpsert(JsonElement body, out LlmConnectionUpsert? upsert)
    {
        upsert = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            return "body: must be an object {provider, adapter, secretKey, baseURL?, customModels?, withDefaultModels?, extraHeaders?, config?}";
        }

        var problem = QueryValues.First(
            BodyFields.Required(body, "provider", LlmConnectionRules.MaxProviderLength, out var provider),
            BodyFields.OneOf(body, "adapter", LlmAdapters.All, required: true, out var adapter),
            SecretKey(body, out var secretKey),
            BaseUrl(body, out var baseUrl),
            CustomModels(body, out var customModels),
            WithDefaultModels(body, out var withDefaultModels),
            ExtraHeaders(body, out var extraHeaders));
        if (problem is not null)
        {
            return problem;
        }

        if (Config(body, adapter!, out var config) is { } configProblem)
        {
            return configProblem;
        }

        if (adapter == LlmAdapters.Azure && baseUrl is null)
        {
            return "baseURL: required for the azure adapter (e.g. https://<resource>.openai.azure.com/openai/deployments)";
        }

        upsert = new LlmConnectionUpsert(provider, adapter!, secretKey, baseUrl, customModels, withDefaultModels, extraHeaders, config);
        return null;
    }

    private static string? SecretKey(JsonElement body, out string? value)
    {
        value = null;
        if (!body.TryGetProperty("secretKey", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String || element.GetString() is not { Length: > 0 } text)
        {
            return "secretKey: must be a non-empty string";
        }

        if (text.Length > LlmConnectionRules.MaxSecretKeyLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"secretKey: at most {LlmConnectionRules.MaxSecretKeyLength} characters");
        }

        value = text;
        return null;
    }

    private static string? BaseUrl(JsonElement body, out string? value)
    {
        if (BodyFields.Optional(body, "baseURL", LlmConnectionRules.MaxBaseUrlLength, out value) is { } problem)
        {
            return problem;
        }

        if (value is null)
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            value = null;
            return "baseURL: must be an absolute http:// or https:// URL";
        }

        if (uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            value = null;
            return "baseURL: must not carry credentials, a query string or a fragment (put keys in secretKey or extraHeaders)";
        }

        value = value.TrimEnd('/');
        return null;
    }

    private static string? CustomModels(JsonElement body, out IReadOnlyList<string> value)
    {
        value = [];
        if (!body.TryGetProperty("customModels", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            return "customModels: must be an array of model names";
        }

        var models = new List<string>();
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 and <= LlmConnectionRules.MaxModelNameLength } name)
            {
                return string.Create(CultureInfo.InvariantCulture, $"customModels[{models.Count}]: must be a string of 1 to {LlmConnectionRules.MaxModelNameLength} characters");
            }

            models.Add(name);
        }

        if (models.Count > LlmConnectionRules.MaxCustomModels)
        {
            return string.Create(CultureInfo.InvariantCulture, $"customModels: at most {LlmConnectionRules.MaxCustomModels} models");
        }

        value = models.Distinct(StringComparer.Ordinal).ToList();
        return null;
    }

    private static string? WithDefaultModels(JsonElement body, out bool value)
    {
        value = true;
        if (!body.TryGetProperty("withDefaultModels", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return "withDefaultModels: must be a boolean";
        }

        value = element.GetBoolean();
        return null;
    }

    private static string? ExtraHeaders(JsonElement body, out IReadOnlyDictionary<string, string>? value)
    {
        value = null;
        if (!body.TryGetProperty("extraHeaders", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return "extraHeaders: must be an object of header name to string value";
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in element.EnumerateObject())
        {
            if (header.Name.Length is 0 or > LlmConnectionRules.MaxHeaderNameLength || !header.Name.All(IsTokenChar))
            {
                return $"extraHeaders: '{Truncate(header.Name)}' is not a valid HTTP header name";
            }

            if (header.Value.ValueKind != JsonValueKind.String)
            {
                return $"extraHeaders.{header.Name}: must be a string";
            }

            var text = header.Value.GetString()!;
            if (text.Length > LlmConnectionRules.MaxHeaderValueLength || text.Any(c => c is '\r' or '\n' or '\0'))
            {
                return string.Create(CultureInfo.InvariantCulture, $"extraHeaders.{header.Name}: at most {LlmConnectionRules.MaxHeaderValueLength} characters, without line breaks");
            }

            if (!headers.TryAdd(header.Name, text))
            {
                return $"extraHeaders.{header.Name}: given twice";
            }
        }

        if (headers.Count > LlmConnectionRules.MaxExtraHeaders)
        {
            return string.Create(CultureInfo.InvariantCulture, $"extraHeaders: at most {LlmConnectionRules.MaxExtraHeaders} headers");
        }

        value = headers.Count == 0 ? null : headers;
        return null;
    }

    /// <summary>
    /// Langfuse's adapter rules: Bedrock needs <c>{region}</c>, Vertex AI may have <c>{location}</c>, OpenAI may have
    /// <c>{useResponsesApi}</c>. Sightline also reads an optional <c>{apiVersion}</c> for Azure (Langfuse pins one).
    /// </summary>
    private static string? Config(JsonElement body, string adapter, out string? value)
    {
        value = null;
        var present = body.TryGetProperty("config", out var element) && element.ValueKind != JsonValueKind.Null;
        if (!present)
        {
            return adapter == LlmAdapters.Bedrock ? "config: required for the bedrock adapter, e.g. {\"region\":\"us-east-1\"}" : null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return "config: must be an object or null";
        }

        var empty = !element.EnumerateObject().Any();
        var problem = adapter switch
        {
            LlmAdapters.Bedrock => OnlyString(element, "region", required: true, "{\"region\":\"us-east-1\"}"),
            LlmAdapters.VertexAi => OnlyString(element, "location", required: false, "{\"location\":\"us-central1\"}"),
            LlmAdapters.Azure => OnlyString(element, "apiVersion", required: false, "{\"apiVersion\":\"2024-10-21\"}"),
            LlmAdapters.OpenAi => OnlyBoolean(element, "useResponsesApi"),
            _ when empty => null,
            _ => $"config: not supported for the {adapter} adapter; omit it or send null",
        };
        if (problem is not null)
        {
            return problem;
        }

        var raw = element.GetRawText();
        if (raw.Length > LlmConnectionRules.MaxConfigLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"config: at most {LlmConnectionRules.MaxConfigLength} characters of JSON");
        }

        value = empty ? null : raw;
        return null;
    }

    private static string? OnlyString(JsonElement config, string key, bool required, string example)
    {
        foreach (var property in config.EnumerateObject())
        {
            if (property.Name != key)
            {
                return $"config.{property.Name}: unknown key; expected {example}";
            }

            if (property.Value.ValueKind != JsonValueKind.String || property.Value.GetString() is not { Length: > 0 })
            {
                return $"config.{key}: must be a non-empty string, e.g. {example}";
            }
        }

        return required && !config.TryGetProperty(key, out _) ? $"config.{key}: required, e.g. {example}" : null;
    }

    private static string? OnlyBoolean(JsonElement config, string key)
    {
        foreach (var property in config.EnumerateObject())
        {
            if (property.Name != key)
            {
                return $"config.{property.Name}: unknown key; the openai adapter takes only {{\"{key}\": true|false}}";
            }

            if (property.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return $"config.{key}: must be a boolean";
            }
        }

        return null;
    }

    private static bool IsTokenChar(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
