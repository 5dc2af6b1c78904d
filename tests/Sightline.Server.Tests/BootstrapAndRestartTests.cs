using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Sightline.Server.Tests.Infrastructure;

namespace Sightline.Server.Tests;

[Trait(TestProfile.Trait, TestProfile.OwnServers)]
public sealed partial class BootstrapAndRestartTests
{
    private static Dictionary<string, string> InitEnvironment(string suffix) => new()
    {
        ["ADMIN_API_KEY"] = "admin-" + suffix,
        ["LANGFUSE_INIT_ORG_ID"] = "org-" + suffix,
        ["LANGFUSE_INIT_ORG_NAME"] = "Org " + suffix,
        ["LANGFUSE_INIT_PROJECT_ID"] = "project-" + suffix,
        ["LANGFUSE_INIT_PROJECT_NAME"] = "Project " + suffix,
        // Langfuse accepts keys of any shape; so must we.
        ["LANGFUSE_INIT_PROJECT_PUBLIC_KEY"] = "lf_pk_" + suffix,
        ["LANGFUSE_INIT_PROJECT_SECRET_KEY"] = "lf_sk_" + suffix,
        ["LANGFUSE_INIT_USER_EMAIL"] = $"Owner-{suffix}@Example.com",
        ["LANGFUSE_INIT_USER_NAME"] = "Owner",
        ["LANGFUSE_INIT_USER_PASSWORD"] = "correct horse battery staple",
    };

    [Fact]
    public async Task Init_RunTwiceAndAfterKill9_CreatesEachRecordOnceAndKeepsEverything()
    {
        var dataDir = SightlineProcess.NewDataDirectory();
        var env = InitEnvironment("idem");
        string createdProjectId;
        await using (var first = await SightlineProcess.StartAsync(env, dataDir))
        {
            var tenant = await Tenant.CreateAsync(first, env["ADMIN_API_KEY"]);
            createdProjectId = tenant.ProjectId;
            await first.KillAsync();
        }

        await using var second = await SightlineProcess.StartAsync(env, dataDir);
        using var client = second.CreateClient("lf_pk_idem", "lf_sk_idem");
        var project = (await Tenant.ReadAsync(await client.GetAsync("/api/public/projects"), HttpStatusCode.OK)).GetProperty("data")[0];
        Assert.Equal("project-idem", project.GetProperty("id").GetString());
        Assert.Equal("Org idem", project.GetProperty("organization").GetProperty("name").GetString());

        await using var db = new SqliteConnection($"Data Source={Path.Combine(dataDir, "sightline.db")};Pooling=false");
        await db.OpenAsync();
        Assert.Equal(1L, await ScalarAsync(db, "SELECT COUNT(*) FROM projects WHERE Id = 'project-idem'"));
        Assert.Equal(1L, await ScalarAsync(db, "SELECT COUNT(*) FROM api_keys WHERE PublicKey = 'lf_pk_idem'"));
        Assert.Equal(1L, await ScalarAsync(db, "SELECT COUNT(*) FROM users WHERE Email = 'owner-idem@example.com'"));
        Assert.Equal(1L, await ScalarAsync(db, "SELECT COUNT(*) FROM organization_memberships WHERE Role = 'OWNER'"));
        Assert.Equal(1L, await ScalarAsync(db, $"SELECT COUNT(*) FROM projects WHERE Id = '{createdProjectId}'"));
        // No default project was added next to the provisioned one.
        Assert.Equal(2L, await ScalarAsync(db, "SELECT COUNT(*) FROM projects"));
        Directory.Delete(dataDir, recursive: true);
    }

    [Fact]
    public async Task Init_WithChangedSecret_RotatesTheProvisionedKey()
    {
        var dataDir = SightlineProcess.NewDataDirectory();
        var env = InitEnvironment("rot");
        await using (var first = await SightlineProcess.StartAsync(env, dataDir))
        {
            await first.KillAsync();
        }

        env["LANGFUSE_INIT_PROJECT_SECRET_KEY"] = "lf_sk_rotated";
        await using var second = await SightlineProcess.StartAsync(env, dataDir);

        using var oldSecret = second.CreateClient("lf_pk_rot", "lf_sk_rot");
        using var newSecret = second.CreateClient("lf_pk_rot", "lf_sk_rotated");
        await Tenant.ReadAsync(await oldSecret.GetAsync("/api/public/projects"), HttpStatusCode.Unauthorized);
        await Tenant.ReadAsync(await newSecret.GetAsync("/api/public/projects"), HttpStatusCode.OK);
        Directory.Delete(dataDir, recursive: true);
    }

    [Fact]
    public async Task FirstStart_WithoutAnyProject_PrintsWorkingKeysOnce()
    {
        var dataDir = SightlineProcess.NewDataDirectory();
        string publicKey, secretKey;
        await using (var first = await SightlineProcess.StartAsync(dataDirectory: dataDir))
        {
            var output = first.StandardOutput;
            publicKey = PublicKeyLine().Match(output).Groups[1].Value;
            secretKey = SecretKeyLine().Match(output).Groups[1].Value;
            Assert.StartsWith("pk-lf-", publicKey, StringComparison.Ordinal);
            Assert.StartsWith("sk-lf-", secretKey, StringComparison.Ordinal);
            Assert.Contains($"LANGFUSE_HOST=http://localhost:{first.Port}", output, StringComparison.Ordinal);
            await first.KillAsync();
        }

        await using var second = await SightlineProcess.StartAsync(dataDirectory: dataDir);
        using var client = second.CreateClient(publicKey, secretKey);
        var project = (await Tenant.ReadAsync(await client.GetAsync("/api/public/projects"), HttpStatusCode.OK)).GetProperty("data")[0];
        Assert.Equal("My Project", project.GetProperty("name").GetString());
        Assert.DoesNotContain(secretKey, second.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("LANGFUSE_SECRET_KEY=", second.StandardOutput, StringComparison.Ordinal);
        Directory.Delete(dataDir, recursive: true);
    }

    [Fact]
    public async Task SecretsAtRest_AreHashedAndGeneratedSecretsAreKeptPrivate()
    {
        var dataDir = SightlineProcess.NewDataDirectory();
        var env = InitEnvironment("rest");
        await using (var server = await SightlineProcess.StartAsync(env, dataDir))
        {
            await server.KillAsync();
        }

        var dbBytes = await File.ReadAllBytesAsync(Path.Combine(dataDir, "sightline.db"));
        var walPath = Path.Combine(dataDir, "sightline.db-wal");
        var walBytes = File.Exists(walPath) ? await File.ReadAllBytesAsync(walPath) : [];
        foreach (var secret in new[] { "lf_sk_rest", "correct horse battery staple" })
        {
            var needle = System.Text.Encoding.UTF8.GetBytes(secret);
            Assert.Equal(-1, dbBytes.AsSpan().IndexOf(needle));
            Assert.Equal(-1, walBytes.AsSpan().IndexOf(needle));
        }

        await using var db = new SqliteConnection($"Data Source={Path.Combine(dataDir, "sightline.db")};Pooling=false");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT SecretKeyHash, DisplaySecretKey FROM api_keys WHERE PublicKey = 'lf_pk_rest'";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Matches("^[0-9a-f]{64}$", reader.GetString(0));
        Assert.Equal("lf_sk_...rest", reader.GetString(1));

        if (!OperatingSystem.IsWindows())
        {
            foreach (var file in new[] { "salt", "encryption-key" })
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dataDir, file)));
            }
        }

        Directory.Delete(dataDir, recursive: true);
    }

    [Fact]
    public async Task Memberships_InitUserIsOwner_AndRolesCanBeChanged()
    {
        var env = InitEnvironment("members");
        await using var server = await SightlineProcess.StartAsync(env);
        using var admin = server.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", env["ADMIN_API_KEY"]);
        var orgKey = await Tenant.ReadAsync(await admin.PostAsJsonAsync("/api/admin/organizations/org-members/apiKeys", new { }), HttpStatusCode.Created);
        using var org = server.CreateClient(orgKey.GetProperty("publicKey").GetString(), orgKey.GetProperty("secretKey").GetString());

        var members = await Tenant.ReadAsync(await org.GetAsync("/api/public/organizations/memberships"), HttpStatusCode.OK);
        var owner = Assert.Single(members.GetProperty("memberships").EnumerateArray());
        Assert.Equal("owner-members@example.com", owner.GetProperty("email").GetString());
        Assert.Equal("OWNER", owner.GetProperty("role").GetString());
        var userId = owner.GetProperty("userId").GetString();

        var changed = await Tenant.ReadAsync(await org.PutAsJsonAsync("/api/public/organizations/memberships", new { userId, role = "ADMIN" }), HttpStatusCode.OK);
        Assert.Equal("ADMIN", changed.GetProperty("role").GetString());
        await Tenant.ReadAsync(await org.PutAsJsonAsync("/api/public/projects/project-members/memberships", new { userId, role = "VIEWER" }), HttpStatusCode.OK);
        var projectMembers = await Tenant.ReadAsync(await org.GetAsync("/api/public/projects/project-members/memberships"), HttpStatusCode.OK);
        Assert.Equal("VIEWER", Assert.Single(projectMembers.GetProperty("memberships").EnumerateArray()).GetProperty("role").GetString());

        var badRole = await Tenant.ReadAsync(await org.PutAsJsonAsync("/api/public/organizations/memberships", new { userId, role = "GOD" }), HttpStatusCode.BadRequest);
        Assert.StartsWith("role:", badRole.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static async Task<long> ScalarAsync(SqliteConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [GeneratedRegex(@"LANGFUSE_PUBLIC_KEY=(\S+)")]
    private static partial Regex PublicKeyLine();

    [GeneratedRegex(@"LANGFUSE_SECRET_KEY=(\S+)")]
    private static partial Regex SecretKeyLine();
}
