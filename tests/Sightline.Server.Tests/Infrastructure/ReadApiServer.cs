using System.Net;
using System.Text;

namespace Sightline.Server.Tests.Infrastructure;

/// <summary>
/// One server for all read API test classes, with <see cref="ReadApiDataset"/> ingested into two fresh projects
/// and polled until every row is queryable. Tests that change data (deletes) use tenants of their own.
/// </summary>
public sealed class ReadApiServer : IAsyncLifetime
{
    public SightlineProcess Server { get; private set; } = null!;
    public Tenant A { get; private set; } = null!;
    public Tenant B { get; private set; } = null!;

    public HttpClient ClientA() => Server.CreateClient(A.PublicKey, A.SecretKey);

    public HttpClient ClientB() => Server.CreateClient(B.PublicKey, B.SecretKey);

    public async Task InitializeAsync()
    {
        Server = await SightlineProcess.StartAsync(new Dictionary<string, string> { ["ADMIN_API_KEY"] = SharedServer.AdminKey });
        A = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        B = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var a = ClientA();
        using var b = ClientB();
        await IngestAsync(a, ReadApiDataset.ProjectA);
        await IngestAsync(b, ReadApiDataset.ProjectB);
        await Poll.UntilAsync(a, "/api/public/observations?limit=100", body => body.GetProperty("meta").GetProperty("totalItems").GetInt32() == ReadApiDataset.ObservationCount);
        await Poll.UntilAsync(a, "/api/public/traces?fields=core,scores", body =>
            body.GetProperty("meta").GetProperty("totalItems").GetInt32() == ReadApiDataset.TraceCount
            && body.GetProperty("data").EnumerateArray().Sum(t => t.GetProperty("scores").GetArrayLength()) == 3);
        await Poll.UntilAsync(b, "/api/public/traces/t1", body => body.GetProperty("observations").GetArrayLength() == 1 && body.GetProperty("scores").GetArrayLength() == 1);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public static async Task IngestAsync(HttpClient client, string batch)
    {
        using var response = await client.PostAsync("/api/public/ingestion", new StringContent(batch, Encoding.UTF8, "application/json"));
        var body = await Tenant.ReadAsync(response, HttpStatusCode.MultiStatus);
        Assert.Equal(0, body.GetProperty("errors").GetArrayLength());
    }
}
