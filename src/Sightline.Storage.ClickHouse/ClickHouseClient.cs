using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Sightline.Storage.ClickHouse;

/// <summary>
/// ClickHouse's HTTP interface, and nothing else: every request is a POST whose URL carries the database, the output
/// format, settings and <c>param_*</c> values, and whose body is the query (or, for an INSERT, the rows, with the
/// INSERT itself in the <c>query</c> URL parameter). Results come back as <c>JSONCompact</c>.
/// </summary>
internal sealed class ClickHouseClient : IDisposable
{
    /// <summary>The longest value put in one URL, well below ClickHouse's default <c>http_max_uri_size</c> of 1 MiB.</summary>
    public const int MaxParameterBytes = 256 * 1024;

    private readonly HttpClient _http;
    private readonly ClickHouseOptions _options;
    private readonly string _baseUrl;
    private readonly AuthenticationHeaderValue _authorization;

    public ClickHouseClient(HttpMessageHandler handler, ClickHouseOptions options)
    {
        _options = options;
        _http = new HttpClient(handler) { Timeout = options.RequestTimeout };
        var url = new UriBuilder(options.Url) { UserName = "", Password = "", Query = "", Fragment = "" }.Uri.ToString();
        _baseUrl = url.EndsWith('/') ? url : url + "/";
        // Basic authentication rather than the X-ClickHouse-Key header: a password may hold characters that a header
        // value cannot, and ClickHouse decodes the Basic credentials as UTF-8.
        _authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(options.User + ":" + (options.Password ?? ""))));
    }

    public ClickHouseOptions Options => _options;

    /// <summary>Runs a SELECT and maps every row of its result.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, ClickHouseParameters? parameters, Func<ClickHouseRow, T> read, CancellationToken ct,
        IReadOnlyDictionary<string, string>? settings = null, bool inDatabase = true)
    {
        using var request = Request(new StringContent(sql, Encoding.UTF8), null, parameters, settings, inDatabase, format: "JSONCompact");
        using var response = await SendAsync(request, ct);
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(stream, default, ct);
        }
        catch (JsonException ex)
        {
            // A failure after the first bytes went out arrives inside a 200 response; wait_end_of_query makes that
            // rare, and the message here says what happened either way.
            throw new ClickHouseException(null, "ClickHouse's answer was not the JSON result that was asked for (the query failed while its result was being sent): " + ex.Message);
        }

        using (document)
        {
            var meta = document.RootElement.GetProperty("meta").EnumerateArray()
                .Select(m => new ClickHouseColumn(m.GetProperty("name").GetString()!, m.GetProperty("type").GetString()!))
                .ToList();
            var rows = new List<T>();
            foreach (var row in document.RootElement.GetProperty("data").EnumerateArray())
            {
                rows.Add(read(new ClickHouseRow(row, meta)));
            }

            return rows;
        }
    }

    /// <summary>Runs a statement without a result (DDL, INSERT ... SELECT).</summary>
    public async Task ExecuteAsync(string sql, ClickHouseParameters? parameters, CancellationToken ct, bool inDatabase = true)
    {
        using var request = Request(new StringContent(sql, Encoding.UTF8), null, parameters, null, inDatabase, format: null);
        using var response = await SendAsync(request, ct);
        await response.Content.CopyToAsync(Stream.Null, ct);
    }

    /// <summary>Inserts rows as one INSERT, the rows serialized while the request body streams.</summary>
    public async Task InsertAsync<T>(string table, string columns, IReadOnlyList<T> rows, Action<Utf8JsonWriter, T> write, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        using var request = Request(new JsonRowsContent<T>(rows, write), $"INSERT INTO {table} ({columns}) FORMAT JSONEachRow", null, null, inDatabase: true, format: null);
        using var response = await SendAsync(request, ct);
        await response.Content.CopyToAsync(Stream.Null, ct);
    }

    /// <summary>The server's version, e.g. <c>24.3.5.46</c>; asked without naming a database, which may not exist yet.</summary>
    public async Task<string> ServerVersionAsync(CancellationToken ct)
    {
        using var request = Request(new StringContent("SELECT version()", Encoding.UTF8), null, null, null, inDatabase: false, format: "TabSeparated");
        using var response = await SendAsync(request, ct);
        return (await response.Content.ReadAsStringAsync(ct)).Trim();
    }

    private HttpRequestMessage Request(HttpContent content, string? urlQuery, ClickHouseParameters? parameters,
        IReadOnlyDictionary<string, string>? settings, bool inDatabase, string? format)
    {
        var url = new StringBuilder(_baseUrl);
        var first = true;
        void Add(string name, string value)
        {
            url.Append(first ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            first = false;
        }

        if (inDatabase)
        {
            Add("database", _options.Database);
        }

        if (urlQuery is not null)
        {
            Add("query", urlQuery);
        }

        if (format is not null)
        {
            Add("default_format", format);
            // Buffers the result on the server, so a failure late in the query still comes back as an error status
            // instead of a truncated 200.
            Add("wait_end_of_query", "1");
            // Times as 'YYYY-MM-DD hh:mm:ss[.fff]', whatever a server profile chose as its default output.
            Add("date_time_output_format", "simple");
        }

        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            Add(name, value);
        }

        foreach (var (name, value) in parameters?.Values ?? [])
        {
            Add("param_" + name, value);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url.ToString())) { Content = content };
        request.Headers.Authorization = _authorization;
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            int? code = response.Headers.TryGetValues("X-ClickHouse-Exception-Code", out var values)
                && int.TryParse(values.FirstOrDefault(), System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            var text = (await response.Content.ReadAsStringAsync(ct)).Trim();
            if (text.Length > 2000)
            {
                text = text[..2000] + "...";
            }

            throw new ClickHouseException(code, text.Length > 0 ? text : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }
    }

    public void Dispose() => _http.Dispose();
}
