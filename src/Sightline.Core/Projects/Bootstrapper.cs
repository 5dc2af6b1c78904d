using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sightline.Auth;
using Sightline.Common;
using Sightline.Storage;

namespace Sightline.Projects;

/// <summary>
/// Applies <c>LANGFUSE_INIT_*</c> at every start (create what is missing, update what changed, never duplicate),
/// and gives a brand-new embedded instance a first project and key pair so an SDK can connect at once.
/// </summary>
public sealed class Bootstrapper(
    IDbContextFactory<SightlineDbContext> dbFactory,
    BootstrapOptions options,
    ApiKeyService apiKeys,
    IPasswordHasher<User> passwordHasher,
    TimeProvider time,
    ILogger<Bootstrapper> logger)
{
    public async Task RunAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;

        if (options.OrganizationId is { } orgId)
        {
            await UpsertOrganizationAsync(db, orgId, options.OrganizationName ?? "Provisioned Organization", now, ct);
        }

        if (options.ProjectId is { } projectId && options.OrganizationId is { } projectOrg)
        {
            await UpsertProjectAsync(db, projectId, projectOrg, options.ProjectName ?? "Provisioned Project", now, ct);
            if (options.PublicKey is { } pk && options.SecretKey is { } sk)
            {
                await UpsertKeyAsync(db, projectOrg, projectId, pk, sk, ct);
            }
        }

        if (options.UserEmail is { } email && options.UserPassword is { } password && options.OrganizationId is { } userOrg)
        {
            await UpsertOwnerAsync(db, userOrg, email, options.UserName, password, now, ct);
        }

        await db.SaveChangesAsync(ct);

        if (options.CreateDefaultProject && !await db.Projects.AnyAsync(ct))
        {
            await CreateDefaultProjectAsync(db, now, ct);
        }
    }

    private static async Task UpsertOrganizationAsync(SightlineDbContext db, string id, string name, DateTime now, CancellationToken ct)
    {
        var org = await db.Organizations.FindAsync([id], ct);
        if (org is null)
        {
            db.Organizations.Add(new Organization { Id = id, Name = name, CreatedAt = now, UpdatedAt = now });
        }
        else if (org.Name != name)
        {
            org.Name = name;
            org.UpdatedAt = now;
        }
    }

    private async Task UpsertProjectAsync(SightlineDbContext db, string id, string organizationId, string name, DateTime now, CancellationToken ct)
    {
        var project = await db.Projects.FindAsync([id], ct);
        if (project is null)
        {
            db.Projects.Add(new Project { Id = id, OrganizationId = organizationId, Name = name, CreatedAt = now, UpdatedAt = now });
            logger.ProvisionedProject(id);
        }
        else if (project.Name != name)
        {
            project.Name = name;
            project.UpdatedAt = now;
        }
    }

    private async Task UpsertKeyAsync(SightlineDbContext db, string organizationId, string projectId, string publicKey, string secretKey, CancellationToken ct)
    {
        var existing = await db.ApiKeys.FirstOrDefaultAsync(k => k.PublicKey == publicKey, ct);
        if (existing is null)
        {
            // Saved first so the key's foreign keys find the organization and project.
            await db.SaveChangesAsync(ct);
            if (await apiKeys.CreateAsync(db, organizationId, projectId, "Provisioned by LANGFUSE_INIT_PROJECT_*", publicKey, secretKey, ct) is null)
            {
                logger.ProvisionedKeyConflict();
            }

            return;
        }

        if (existing.ProjectId != projectId)
        {
            logger.ProvisionedKeyConflict();
            return;
        }

        apiKeys.Rehash(existing, secretKey);
    }

    private async Task UpsertOwnerAsync(SightlineDbContext db, string organizationId, string email, string? name, string password, DateTime now, CancellationToken ct)
    {
        var normalized = email.Trim().ToLowerInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Email == normalized, ct);
        if (user is null)
        {
            user = new User { Id = Ids.New(time), Email = normalized, Name = name, CreatedAt = now, UpdatedAt = now };
            user.PasswordHash = passwordHasher.HashPassword(user, password);
            db.Users.Add(user);
        }
        else
        {
            if (user.PasswordHash is null || passwordHasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
            {
                user.PasswordHash = passwordHasher.HashPassword(user, password);
                user.UpdatedAt = now;
            }

            if (name is not null && user.Name != name)
            {
                user.Name = name;
                user.UpdatedAt = now;
            }
        }

        var membership = await db.OrganizationMemberships.FirstOrDefaultAsync(m => m.OrganizationId == organizationId && m.UserId == user.Id, ct);
        if (membership is null)
        {
            db.OrganizationMemberships.Add(new OrganizationMembership
            {
                Id = Ids.New(time),
                OrganizationId = organizationId,
                UserId = user.Id,
                Role = Role.Owner,
                CreatedAt = now,
                UpdatedAt = now,
            });
        }
    }

    private async Task CreateDefaultProjectAsync(SightlineDbContext db, DateTime now, CancellationToken ct)
    {
        var org = new Organization { Id = Ids.New(time), Name = "My Organization", CreatedAt = now, UpdatedAt = now };
        var project = new Project { Id = Ids.New(time), OrganizationId = org.Id, Name = "My Project", CreatedAt = now, UpdatedAt = now };
        db.Organizations.Add(org);
        db.Projects.Add(project);
        await db.SaveChangesAsync(ct);
        var created = await apiKeys.CreateAsync(db, org.Id, project.Id, "Created at first start", null, null, ct)
            ?? throw new InvalidOperationException("A freshly generated key pair collided with an existing one.");

        // Printed once, to the console and not to the log: the secret is unrecoverable after this.
        Console.Out.WriteLine($"""

            ==================================================================
             Sightline created a first project. Point a Langfuse SDK at it:

               LANGFUSE_HOST={options.PublicUrl}
               LANGFUSE_BASE_URL={options.PublicUrl}
               LANGFUSE_PUBLIC_KEY={created.Key.PublicKey}
               LANGFUSE_SECRET_KEY={created.SecretKey}

             The secret key is shown only this once; store it now.
            ==================================================================

            """);
    }
}
