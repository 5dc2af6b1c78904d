using System.Net;
using System.Net.Http.Json;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests.LlmConnections;

/// <summary>A server restarted with another <c>ENCRYPTION_KEY</c> cannot open the stored keys, and says so instead of failing.</summary>
[Trait(TestProfile.Trait, TestProfile.OwnServers)]
public sealed class EncryptionKeyChangeTests
{
    private static Dictionary<string, string> Environment(string encryptionKey) => new()
    {
        ["ADMIN_API_KEY"] = SharedServer.AdminKey,
        ["ENCRYPTION_KEY"] = encryptionKey,
    };

    [Fact]
    public async Task TestAction_AfterTheKeyChanged_ReportsTheKeyMismatch_AndTheListStillWorks()
    {
        var dataDir = SightlineProcess.NewDataDirectory();
        Tenant tenant;
        string id;
        await using (var first = await SightlineProcess.StartAsync(Environment(new string('a', 64)), dataDir))
        {
            tenant = await Tenant.CreateAsync(first, SharedServer.AdminKey);
            using var client = first.CreateClient(tenant.PublicKey, tenant.SecretKey);
            var created = await Tenant.ReadAsync(await client.PutAsJsonAsync("/api/public/llm-connections", new
            {
                provider = "openai",
                adapter = "openai",
                secretKey = "sk-test-before-rotation-1234",
                baseURL = "http://127.0.0.1:9/v1",
            }), HttpStatusCode.Created);
            id = created.GetProperty("id").GetString()!;
        }

        await using (var second = await SightlineProcess.StartAsync(Environment(new string('b', 64)), dataDir))
        {
            using var client = second.CreateClient(tenant.PublicKey, tenant.SecretKey);

            var result = await Tenant.ReadAsync(await client.PostAsync($"/api/sightline/llm-connections/{id}/test", null), HttpStatusCode.OK);
            var list = await Tenant.ReadAsync(await client.GetAsync("/api/public/llm-connections"), HttpStatusCode.OK);

            Assert.False(result.GetProperty("success").GetBoolean());
            Assert.Contains("ENCRYPTION_KEY", result.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.Equal("...1234", list.GetProperty("data")[0].GetProperty("displaySecretKey").GetString());
            Assert.Contains("cannot be read", second.StandardOutput + second.StandardError, StringComparison.Ordinal);
        }

        Directory.Delete(dataDir, recursive: true);
    }
}
