using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Sightline.Server.Tests.Infrastructure;

public static class Poll
{
    /// <summary>GETs the path until it answers 200 and the check accepts the body, or fails at the deadline.</summary>
    public static async Task<JsonElement> UntilAsync(HttpClient client, string path, Func<JsonElement, bool>? accept = null, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        var last = string.Empty;
        while (deadline.Elapsed < limit)
        {
            using var response = await client.GetAsync(path);
            last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                var body = doc.RootElement.Clone();
                if (accept is null || accept(body))
                {
                    return body;
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"GET {path} did not give the expected answer within {limit}; last answer: {last}");
    }

    /// <summary>Evaluates the condition until it holds, or fails at the deadline.</summary>
    public static async Task UntilTrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        while (!await condition())
        {
            if (deadline.Elapsed > limit)
            {
                throw new TimeoutException($"The condition did not hold within {limit}.");
            }

            await Task.Delay(100);
        }
    }
}
