using System.Net;
using System.Net.Http.Headers;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

public sealed class AuthenticationTests(SharedServer shared) : IClassFixture<SharedServer>
{
    private SightlineProcess Server => shared.Server;

    [Fact]
    public async Task Projects_WithInitKeys_ReturnsTheProvisionedProject()
    {
        using var client = Server.CreateClient(SharedServer.InitPublicKey, SharedServer.InitSecretKey);

        var body = await Tenant.ReadAsync(await client.GetAsync("/api/public/projects"), HttpStatusCode.OK);

        var project = Assert.Single(body.GetProperty("data").EnumerateArray());
        Assert.Equal("shared-project", project.GetProperty("id").GetString());
        Assert.Equal("Shared", project.GetProperty("name").GetString());
        Assert.Equal("shared-org", project.GetProperty("organization").GetProperty("id").GetString());
    }

    [Theory]
    [InlineData(SharedServer.InitPublicKey, "sk-lf-wrong", "Invalid credentials. Confirm that you've configured the correct host.")]
    [InlineData("pk-lf-unknown", SharedServer.InitSecretKey, "Invalid credentials. Confirm that you've configured the correct host.")]
    [InlineData("pk-lf-unknown", "sk-lf-unknown", "Invalid credentials. Confirm that you've configured the correct host.")]
    public async Task Projects_WithBadKeyPair_Returns401WithLangfuseBody(string publicKey, string secretKey, string message)
    {
        using var client = Server.CreateClient(publicKey, secretKey);

        var body = await Tenant.ReadAsync(await client.GetAsync("/api/public/projects"), HttpStatusCode.Unauthorized);

        Assert.Equal(message, body.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData(null, "No authorization header")]
    [InlineData("Basic not-base64!", "Invalid authorization header")]
    [InlineData("Basic cGstbGYtb25seQ==", "Invalid authorization header")] // "pk-lf-only": no colon
    [InlineData("Digest abc", "Invalid authorization header")]
    public async Task Projects_WithMissingOrMalformedHeader_Returns401(string? header, string message)
    {
        using var client = Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/public/projects");
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }

        var body = await Tenant.ReadAsync(await client.SendAsync(request), HttpStatusCode.Unauthorized);

        Assert.Equal(message, body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Projects_WithPublicKeyAsBearer_Returns403()
    {
        using var client = Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SharedServer.InitPublicKey);

        var body = await Tenant.ReadAsync(await client.GetAsync("/api/public/projects"), HttpStatusCode.Forbidden);

        Assert.StartsWith("Access denied", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Projects_WithOrganizationKey_Returns403AskingAboutOrganizationKey()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.OrganizationPublicKey, tenant.OrganizationSecretKey);

        var body = await Tenant.ReadAsync(await client.GetAsync("/api/public/projects"), HttpStatusCode.Forbidden);

        Assert.Equal("Project ID not found for API token. Are you using an organization key?", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Projects_WithKeysOfAnotherProject_SeeOnlyTheirOwnProject()
    {
        var a = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        var b = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var clientA = Server.CreateClient(a.PublicKey, a.SecretKey);
        using var clientB = Server.CreateClient(b.PublicKey, b.SecretKey);

        var projectsA = await Tenant.ReadAsync(await clientA.GetAsync("/api/public/projects"), HttpStatusCode.OK);
        var projectsB = await Tenant.ReadAsync(await clientB.GetAsync("/api/public/projects"), HttpStatusCode.OK);

        Assert.Equal(a.ProjectId, Assert.Single(projectsA.GetProperty("data").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(b.ProjectId, Assert.Single(projectsB.GetProperty("data").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Projects_WithSecretOfOtherKeyPair_Returns401()
    {
        var a = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        var b = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(a.PublicKey, b.SecretKey);

        await Tenant.ReadAsync(await client.GetAsync("/api/public/projects"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Responses_CarryRequestId_EchoingASaneClientId()
    {
        using var client = Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/public/health");
        request.Headers.Add("X-Request-Id", "client-req-42");

        using var echoed = await client.SendAsync(request);
        using var generated = await client.GetAsync("/api/public/health");

        Assert.Equal("client-req-42", Assert.Single(echoed.Headers.GetValues("X-Request-Id")));
        Assert.False(string.IsNullOrWhiteSpace(Assert.Single(generated.Headers.GetValues("X-Request-Id"))));
    }

    [Fact]
    public async Task ServerOutput_NeverContainsASecretKey()
    {
        var tenant = await Tenant.CreateAsync(Server, SharedServer.AdminKey);
        using var client = Server.CreateClient(tenant.PublicKey, "sk-lf-a-wrong-secret-to-log");
        await client.GetAsync("/api/public/projects");

        var output = Server.StandardOutput + Server.StandardError;
        Assert.DoesNotContain(tenant.SecretKey, output, StringComparison.Ordinal);
        Assert.DoesNotContain(tenant.OrganizationSecretKey, output, StringComparison.Ordinal);
        Assert.DoesNotContain(SharedServer.InitSecretKey, output, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-lf-a-wrong-secret-to-log", output, StringComparison.Ordinal);
        Assert.DoesNotContain(SharedServer.AdminKey, output, StringComparison.Ordinal);
    }
}
