using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Sightline.Server.Tests.Infrastructure;

/// <summary>A fresh organization with an organization key, a project and a project key pair.</summary>
public sealed record Tenant(
    string OrganizationId,
    string OrganizationPublicKey,
    string OrganizationSecretKey,
    string ProjectId,
    string PublicKey,
    string SecretKey)
{
    public static async Task<Tenant> CreateAsync(SightlineProcess server, string adminKey)
    {
        using var admin = server.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        var orgName = "org-" + Guid.NewGuid().ToString("N")[..8];
        var org = await ReadAsync(await admin.PostAsJsonAsync("/api/admin/organizations", new { name = orgName }), HttpStatusCode.Created);
        var orgId = org.GetProperty("id").GetString()!;
        var orgKey = await ReadAsync(await admin.PostAsJsonAsync($"/api/admin/organizations/{orgId}/apiKeys", new { note = "tests" }), HttpStatusCode.Created);
        var orgPk = orgKey.GetProperty("publicKey").GetString()!;
        var orgSk = orgKey.GetProperty("secretKey").GetString()!;

        using var orgClient = server.CreateClient(orgPk, orgSk);
        var project = await ReadAsync(await orgClient.PostAsJsonAsync("/api/public/projects", new { name = "project-" + orgName }), HttpStatusCode.Created);
        var projectId = project.GetProperty("id").GetString()!;
        var key = await ReadAsync(await orgClient.PostAsJsonAsync($"/api/public/projects/{projectId}/apiKeys", new { note = "tests" }), HttpStatusCode.Created);
        return new Tenant(orgId, orgPk, orgSk, projectId, key.GetProperty("publicKey").GetString()!, key.GetProperty("secretKey").GetString()!);
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)expected}: {body}");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.Clone();
    }
}
