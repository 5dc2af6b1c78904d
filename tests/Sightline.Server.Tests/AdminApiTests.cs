using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

public sealed class AdminApiTests(SharedServer shared) : IClassFixture<SharedServer>
{
    private SightlineProcess Server => shared.Server;

    private HttpClient AdminClient(string key = SharedServer.AdminKey)
    {
        var client = Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    [Fact]
    public async Task OrganizationKeyFlow_CreatesProjectAndKey_ThatAuthenticateAndCanBeRevoked()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var project = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        using var org = Server.CreateClient(tenant.OrganizationPublicKey, tenant.OrganizationSecretKey);

        var own = await Tenant.ReadAsync(await project.GetAsync("/api/public/projects"), HttpStatusCode.OK);
        Assert.Equal(tenant.ProjectId, own.GetProperty("data")[0].GetProperty("id").GetString());

        var keys = await Tenant.ReadAsync(await org.GetAsync($"/api/public/projects/{tenant.ProjectId}/apiKeys"), HttpStatusCode.OK);
        var key = Assert.Single(keys.GetProperty("apiKeys").EnumerateArray());
        Assert.Equal(tenant.PublicKey, key.GetProperty("publicKey").GetString());
        Assert.Equal("sk-lf-..." + tenant.SecretKey[^4..], key.GetProperty("displaySecretKey").GetString());
        Assert.False(key.TryGetProperty("secretKey", out _));

        var keyId = key.GetProperty("id").GetString();
        await Tenant.ReadAsync(await org.DeleteAsync($"/api/public/projects/{tenant.ProjectId}/apiKeys/{keyId}"), HttpStatusCode.OK);
        await Tenant.ReadAsync(await project.GetAsync("/api/public/projects"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task OrganizationKey_ListsOnlyItsOwnOrganizationsProjects()
    {
        var a = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        var b = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var orgA = Server.CreateClient(a.OrganizationPublicKey, a.OrganizationSecretKey);

        var projects = await Tenant.ReadAsync(await orgA.GetAsync("/api/public/organizations/projects"), HttpStatusCode.OK);
        Assert.Equal(a.ProjectId, Assert.Single(projects.GetProperty("projects").EnumerateArray()).GetProperty("id").GetString());

        // Another organization's project is invisible: 404, not 403, so ids cannot be probed.
        await Tenant.ReadAsync(await orgA.GetAsync($"/api/public/projects/{b.ProjectId}/apiKeys"), HttpStatusCode.NotFound);
        await Tenant.ReadAsync(await orgA.PutAsJsonAsync($"/api/public/projects/{b.ProjectId}", new { name = "hijack" }), HttpStatusCode.NotFound);
        await Tenant.ReadAsync(await orgA.DeleteAsync($"/api/public/projects/{b.ProjectId}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PredefinedKeyPair_IsAcceptedAndUsable()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var org = Server.CreateClient(tenant.OrganizationPublicKey, tenant.OrganizationSecretKey);
        var suffix = Guid.NewGuid().ToString("N");

        var created = await Tenant.ReadAsync(await org.PostAsJsonAsync($"/api/public/projects/{tenant.ProjectId}/apiKeys",
            new { publicKey = "pk-lf-" + suffix, secretKey = "sk-lf-" + suffix }), HttpStatusCode.Created);
        using var project = Server.CreateClient("pk-lf-" + suffix, "sk-lf-" + suffix);

        Assert.Equal("pk-lf-" + suffix, created.GetProperty("publicKey").GetString());
        await Tenant.ReadAsync(await project.GetAsync("/api/public/projects"), HttpStatusCode.OK);
        await Tenant.ReadAsync(await org.PostAsJsonAsync($"/api/public/projects/{tenant.ProjectId}/apiKeys",
            new { publicKey = "pk-lf-" + suffix, secretKey = "sk-lf-other" + suffix }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ProjectUpdate_ChangesNameMetadataAndRetention()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var org = Server.CreateClient(tenant.OrganizationPublicKey, tenant.OrganizationSecretKey);
        using var project = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);

        await Tenant.ReadAsync(await org.PutAsJsonAsync($"/api/public/projects/{tenant.ProjectId}",
            new { name = "renamed", metadata = new { team = "search" }, retention = 30 }), HttpStatusCode.OK);

        var read = (await Tenant.ReadAsync(await project.GetAsync("/api/public/projects"), HttpStatusCode.OK)).GetProperty("data")[0];
        Assert.Equal("renamed", read.GetProperty("name").GetString());
        Assert.Equal("search", read.GetProperty("metadata").GetProperty("team").GetString());
        Assert.Equal(30, read.GetProperty("retentionDays").GetInt32());
    }

    [Theory]
    [InlineData("{}", "name")]
    [InlineData("{\"name\":\"\"}", "name")]
    [InlineData("{\"name\":\"okay\",\"metadata\":[1]}", "metadata")]
    [InlineData("{\"name\":\"okay\",\"retention\":1}", "retention")]
    public async Task CreateProject_WithInvalidBody_Returns400NamingTheField(string json, string field)
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var org = Server.CreateClient(tenant.OrganizationPublicKey, tenant.OrganizationSecretKey);

        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var body = await Tenant.ReadAsync(await org.PostAsync("/api/public/projects", content), HttpStatusCode.BadRequest);

        Assert.StartsWith(field + ":", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminRoutes_RejectWrongAdminKeyAndProjectKeys()
    {
        using var wrong = AdminClient("not-the-admin-key");
        using var projectKey = Server.CreateClient(SharedServer.InitPublicKey, SharedServer.InitSecretKey);

        await Tenant.ReadAsync(await wrong.GetAsync("/api/admin/organizations"), HttpStatusCode.Unauthorized);
        var forbidden = await Tenant.ReadAsync(await projectKey.GetAsync("/api/admin/organizations"), HttpStatusCode.Forbidden);
        Assert.Contains("ADMIN_API_KEY", forbidden.GetProperty("message").GetString(), StringComparison.Ordinal);
        await Tenant.ReadAsync(await projectKey.GetAsync("/api/public/organizations/projects"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AdminOrganizationLifecycle_CreateRenameDeleteWhenEmpty()
    {
        using var admin = AdminClient();
        var org = await Tenant.ReadAsync(await admin.PostAsJsonAsync("/api/admin/organizations", new { name = "lifecycle", metadata = new { tier = "gold" } }), HttpStatusCode.Created);
        var id = org.GetProperty("id").GetString();

        var renamed = await Tenant.ReadAsync(await admin.PutAsJsonAsync($"/api/admin/organizations/{id}", new { name = "renamed" }), HttpStatusCode.OK);
        Assert.Equal("renamed", renamed.GetProperty("name").GetString());
        Assert.Equal("gold", renamed.GetProperty("metadata").GetProperty("tier").GetString());

        await Tenant.ReadAsync(await admin.DeleteAsync($"/api/admin/organizations/{id}"), HttpStatusCode.OK);
        await Tenant.ReadAsync(await admin.GetAsync($"/api/admin/organizations/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AdminDelete_RefusesOrganizationWithProjects()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var admin = AdminClient();

        await Tenant.ReadAsync(await admin.DeleteAsync($"/api/admin/organizations/{tenant.OrganizationId}"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ProjectDeletion_RevokesItsKeysAtOnce()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var org = Server.CreateClient(tenant.OrganizationPublicKey, tenant.OrganizationSecretKey);
        using var project = Server.CreateClient(tenant.PublicKey, tenant.SecretKey);
        await Tenant.ReadAsync(await project.GetAsync("/api/public/projects"), HttpStatusCode.OK); // warms the key cache

        await Tenant.ReadAsync(await org.DeleteAsync($"/api/public/projects/{tenant.ProjectId}"), HttpStatusCode.Accepted);

        await Tenant.ReadAsync(await project.GetAsync("/api/public/projects"), HttpStatusCode.Unauthorized);
    }
}
