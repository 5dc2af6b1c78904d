using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

/// <summary><c>SIGHTLINE_RATE_LIMIT_PER_KEY</c>: a request budget per API key, with 429 and Retry-After past it.</summary>
[Trait(TestProfile.Trait, TestProfile.OwnServers)]
public sealed class RateLimitTests
{
    private const int PerSecond = 5;

    [Fact]
    public async Task KeyPastItsBudget_Gets429WithRetryAfter_OtherKeysAndProbesDoNot_AndItRecovers()
    {
        await using var server = await SightlineProcess.StartAsync(new Dictionary<string, string>
        {
            ["ADMIN_API_KEY"] = SharedServer.AdminKey,
            ["SIGHTLINE_RATE_LIMIT_PER_KEY"] = PerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var first = await Tenant.CreateAsync(server, SharedServer.AdminKey);
        var second = await Tenant.CreateAsync(server, SharedServer.AdminKey);
        using var busy = server.CreateClient(first.PublicKey, first.SecretKey);
        using var other = server.CreateClient(second.PublicKey, second.SecretKey);
        using var anonymous = server.CreateClient();

        var clock = Stopwatch.StartNew();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 30; i++)
        {
            answers.Add(await busy.GetAsync("/api/public/v2/prompts"));
        }

        var elapsed = clock.Elapsed;
        var ok = answers.Count(a => a.StatusCode == HttpStatusCode.OK);
        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(30, ok + refused.Count);
        // A full bucket, plus one refill for every second (or part of one) the loop took.
        Assert.InRange(ok, PerSecond, PerSecond * (1 + (int)Math.Ceiling(elapsed.TotalSeconds)));
        Assert.NotEmpty(refused);
        var retryAfter = refused[0].Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        using (var body = JsonDocument.Parse(await refused[0].Content.ReadAsStringAsync()))
        {
            Assert.Equal("TooManyRequestsError", body.RootElement.GetProperty("error").GetString());
            Assert.Contains($"{PerSecond} requests per second", body.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        // Another key has a budget of its own; unauthenticated probes and the SDKs' key check have none.
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/public/v2/prompts")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/api/public/projects")).StatusCode);
        for (var i = 0; i < 2 * PerSecond; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/public/health")).StatusCode);
        }

        await Task.Delay(retryAfter.Value);
        Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/api/public/v2/prompts")).StatusCode);
    }
}
