using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Sightline.AnnotationQueues;
using Sightline.Auth;
using Sightline.Comments;
using Sightline.Costs;
using Sightline.Datasets;
using Sightline.LlmConnections;
using Sightline.Media;
using Sightline.Projects;
using Sightline.Prompts;
using Sightline.Scores;

namespace Sightline.Storage;

/// <summary>
/// The metadata (OLTP) model. Provider-neutral: each storage provider project supplies its own
/// migrations, so nothing here may use a provider-specific type or SQL.
/// </summary>
public sealed class SightlineDbContext(DbContextOptions<SightlineDbContext> options) : DbContext(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<ProjectSetting> ProjectSettings => Set<ProjectSetting>();
    public DbSet<User> Users => Set<User>();
    public DbSet<OrganizationMembership> OrganizationMemberships => Set<OrganizationMembership>();
    public DbSet<ProjectMembership> ProjectMemberships => Set<ProjectMembership>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<ModelDefinition> ModelDefinitions => Set<ModelDefinition>();
    public DbSet<PromptVersion> Prompts => Set<PromptVersion>();
    public DbSet<PromptLabel> PromptLabels => Set<PromptLabel>();
    public DbSet<PromptTag> PromptTags => Set<PromptTag>();
    public DbSet<PromptDependency> PromptDependencies => Set<PromptDependency>();
    public DbSet<MediaAsset> Media => Set<MediaAsset>();
    public DbSet<MediaLink> MediaLinks => Set<MediaLink>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<AnnotationQueueDefinition> AnnotationQueues => Set<AnnotationQueueDefinition>();
    public DbSet<AnnotationQueueItem> AnnotationQueueItems => Set<AnnotationQueueItem>();
    public DbSet<AnnotationQueueAssignment> AnnotationQueueAssignments => Set<AnnotationQueueAssignment>();
    public DbSet<ScoreConfig> ScoreConfigs => Set<ScoreConfig>();
    public DbSet<Dataset> Datasets => Set<Dataset>();
    public DbSet<DatasetItemVersion> DatasetItems => Set<DatasetItemVersion>();
    public DbSet<DatasetRun> DatasetRuns => Set<DatasetRun>();
    public DbSet<LlmConnection> LlmConnections => Set<LlmConnection>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; reading one back must not come out as Kind=Unspecified.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<string>().HaveMaxLength(1000);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var roleConverter = new ValueConverter<Role, string>(r => RoleNames.ToWire(r), s => RoleNames.Parse(s));
        var scopeConverter = new ValueConverter<ApiKeyScope, string>(
            s => s == ApiKeyScope.Organization ? "ORGANIZATION" : "PROJECT",
            s => s == "ORGANIZATION" ? ApiKeyScope.Organization : ApiKeyScope.Project);

        modelBuilder.Entity<Organization>(e =>
        {
            e.ToTable("organizations");
            e.HasKey(o => o.Id);
            e.Property(o => o.Metadata).HasMaxLength(100_000);
        });

        modelBuilder.Entity<Project>(e =>
        {
            e.ToTable("projects");
            e.HasKey(p => p.Id);
            e.Property(p => p.Metadata).HasMaxLength(100_000);
            e.HasOne(p => p.Organization).WithMany(o => o.Projects).HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(p => p.OrganizationId);
        });

        modelBuilder.Entity<ProjectSetting>(e =>
        {
            e.ToTable("project_settings");
            e.HasKey(s => new { s.ProjectId, s.Key });
            e.Property(s => s.Key).HasMaxLength(200);
            e.Property(s => s.Value).HasMaxLength(100_000);
            e.HasOne<Project>().WithMany(p => p.Settings).HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<User>(e =>
        {
            e.ToTable("users");
            e.HasKey(u => u.Id);
            e.HasIndex(u => u.Email).IsUnique();
        });

        modelBuilder.Entity<OrganizationMembership>(e =>
        {
            e.ToTable("organization_memberships");
            e.HasKey(m => m.Id);
            e.Property(m => m.Role).HasConversion(roleConverter).HasMaxLength(16);
            e.HasIndex(m => new { m.OrganizationId, m.UserId }).IsUnique();
            e.HasIndex(m => m.UserId);
            e.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ProjectMembership>(e =>
        {
            e.ToTable("project_memberships");
            e.HasKey(m => new { m.ProjectId, m.UserId });
            e.Property(m => m.Role).HasConversion(roleConverter).HasMaxLength(16);
            e.HasIndex(m => m.UserId);
            e.HasOne<Project>().WithMany().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<OrganizationMembership>().WithMany().HasForeignKey(m => m.OrganizationMembershipId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ApiKey>(e =>
        {
            e.ToTable("api_keys");
            e.HasKey(k => k.Id);
            e.Property(k => k.PublicKey).HasMaxLength(200);
            e.Property(k => k.SecretKeyHash).HasMaxLength(64);
            e.Property(k => k.Scope).HasConversion(scopeConverter).HasMaxLength(16);
            e.HasIndex(k => k.PublicKey).IsUnique();
            e.HasIndex(k => k.SecretKeyHash).IsUnique();
            e.HasIndex(k => k.ProjectId);
            e.HasIndex(k => k.OrganizationId);
            e.HasOne<Organization>().WithMany().HasForeignKey(k => k.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Project>().WithMany().HasForeignKey(k => k.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ModelDefinition>(e =>
        {
            e.ToTable("models");
            e.HasKey(m => m.Id);
            e.Property(m => m.Unit).HasMaxLength(16);
            e.Property(m => m.TokenizerId).HasMaxLength(32);
            e.Property(m => m.TokenizerConfig).HasMaxLength(100_000);
            e.Property(m => m.PricingTiers).HasMaxLength(100_000);
            e.HasIndex(m => new { m.ProjectId, m.ModelName });
            e.HasOne<Project>().WithMany().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<PromptVersion>(e =>
        {
            e.ToTable("prompts");
            e.HasKey(p => p.Id);
            e.Property(p => p.Type).HasMaxLength(8);
            e.Property(p => p.Prompt).HasMaxLength(PromptRules.MaxPromptLength);
            e.Property(p => p.Config).HasMaxLength(PromptRules.MaxConfigLength);
            e.Property(p => p.CommitMessage).HasMaxLength(PromptRules.MaxCommitMessageLength);
            e.Property(p => p.CreatedBy).HasMaxLength(200);
            // Two concurrent creates of one name read the same highest version; this index lets only one commit it.
            e.HasIndex(p => new { p.ProjectId, p.Name, p.Version }).IsUnique();
            e.HasOne<Project>().WithMany().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<PromptLabel>(e =>
        {
            e.ToTable("prompt_labels");
            e.HasKey(l => new { l.ProjectId, l.PromptName, l.Label });
            e.Property(l => l.Label).HasMaxLength(PromptRules.MaxLabelLength);
            e.HasIndex(l => l.PromptId);
            e.HasOne<PromptVersion>().WithMany().HasForeignKey(l => l.PromptId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<PromptTag>(e =>
        {
            e.ToTable("prompt_tags");
            e.HasKey(t => new { t.ProjectId, t.PromptName, t.Tag });
            e.HasOne<Project>().WithMany().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<PromptDependency>(e =>
        {
            e.ToTable("prompt_dependencies");
            e.HasKey(d => d.Id);
            e.Property(d => d.ChildLabel).HasMaxLength(PromptRules.MaxLabelLength);
            e.HasIndex(d => new { d.ProjectId, d.ChildName });
            e.HasIndex(d => d.ParentId);
            e.HasOne<PromptVersion>().WithMany().HasForeignKey(d => d.ParentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<MediaAsset>(e =>
        {
            e.ToTable("media");
            e.HasKey(m => new { m.ProjectId, m.Id });
            e.Property(m => m.Id).HasMaxLength(MediaIds.Length);
            e.Property(m => m.Sha256Hash).HasMaxLength(44);
            e.Property(m => m.ContentType).HasMaxLength(100);
            e.Property(m => m.StorageBucket).HasMaxLength(255);
            e.Property(m => m.UploadHttpError).HasMaxLength(MediaRequestParser.MaxUploadErrorLength);
            e.Ignore(m => m.IsUploaded);
            // The same bytes are one object per project (Langfuse's unique key too).
            e.HasIndex(m => new { m.ProjectId, m.Sha256Hash }).IsUnique();
            e.HasOne<Project>().WithMany().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<MediaLink>(e =>
        {
            e.ToTable("media_links");
            e.HasKey(l => l.Id);
            e.Property(l => l.Id).HasMaxLength(64);
            e.Property(l => l.MediaId).HasMaxLength(MediaIds.Length);
            e.Property(l => l.Field).HasMaxLength(32);
            e.HasIndex(l => new { l.ProjectId, l.TraceId });
            e.HasIndex(l => new { l.ProjectId, l.DatasetItemId });
            e.HasIndex(l => new { l.ProjectId, l.MediaId });
            e.HasOne<MediaAsset>().WithMany().HasForeignKey(l => new { l.ProjectId, l.MediaId }).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Comment>(e =>
        {
            e.ToTable("comments");
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).HasMaxLength(64);
            e.Property(c => c.ObjectType).HasMaxLength(16);
            e.Property(c => c.ObjectId).HasMaxLength(CommentRules.MaxObjectIdLength);
            e.Property(c => c.Content).HasMaxLength(CommentRules.MaxContentLength);
            e.HasIndex(c => new { c.ProjectId, c.ObjectType, c.ObjectId });
            e.HasIndex(c => new { c.ProjectId, c.CreatedAt });
            e.HasOne<Project>().WithMany().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AnnotationQueueDefinition>(e =>
        {
            e.ToTable("annotation_queues");
            e.HasKey(q => q.Id);
            e.Property(q => q.Id).HasMaxLength(64);
            e.Property(q => q.Name).HasMaxLength(AnnotationQueueRules.MaxNameLength);
            e.Property(q => q.Description).HasMaxLength(AnnotationQueueRules.MaxDescriptionLength);
            e.Property(q => q.ScoreConfigIds).HasMaxLength(100_000);
            e.HasIndex(q => new { q.ProjectId, q.Name }).IsUnique();
            e.HasIndex(q => new { q.ProjectId, q.CreatedAt });
            e.HasOne<Project>().WithMany().HasForeignKey(q => q.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AnnotationQueueItem>(e =>
        {
            e.ToTable("annotation_queue_items");
            e.HasKey(i => i.Id);
            e.Property(i => i.Id).HasMaxLength(64);
            e.Property(i => i.QueueId).HasMaxLength(64);
            e.Property(i => i.ObjectId).HasMaxLength(AnnotationQueueRules.MaxObjectIdLength);
            e.Property(i => i.ObjectType).HasMaxLength(16);
            e.Property(i => i.Status).HasMaxLength(16);
            e.HasIndex(i => new { i.ProjectId, i.QueueId, i.Status });
            e.HasIndex(i => new { i.ProjectId, i.ObjectType, i.ObjectId });
            // Deleting a queue (or, through it, its project) takes its items along.
            e.HasOne<AnnotationQueueDefinition>().WithMany().HasForeignKey(i => i.QueueId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AnnotationQueueAssignment>(e =>
        {
            e.ToTable("annotation_queue_assignments");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).HasMaxLength(64);
            e.Property(a => a.QueueId).HasMaxLength(64);
            e.HasIndex(a => new { a.ProjectId, a.QueueId, a.UserId }).IsUnique();
            e.HasIndex(a => a.QueueId);
            e.HasIndex(a => a.UserId);
            e.HasOne<AnnotationQueueDefinition>().WithMany().HasForeignKey(a => a.QueueId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<User>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ScoreConfig>(e =>
        {
            e.ToTable("score_configs");
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).HasMaxLength(64);
            e.Property(c => c.Name).HasMaxLength(ScoreConfigRules.MaxNameLength);
            e.Property(c => c.DataType).HasMaxLength(16);
            e.Property(c => c.Categories).HasMaxLength(ScoreConfigRules.MaxCategoriesJsonLength);
            e.Property(c => c.Description).HasMaxLength(ScoreConfigRules.MaxDescriptionLength);
            // The list reads a project's configs newest first.
            e.HasIndex(c => new { c.ProjectId, c.CreatedAt });
            e.HasOne<Project>().WithMany().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Dataset>(e =>
        {
            e.ToTable("datasets");
            e.HasKey(d => d.Id);
            e.Property(d => d.Id).HasMaxLength(64);
            e.Property(d => d.Name).HasMaxLength(DatasetRules.MaxNameLength);
            e.Property(d => d.Description).HasMaxLength(DatasetRules.MaxDescriptionLength);
            e.Property(d => d.Metadata).HasMaxLength(DatasetRules.MaxJsonLength);
            e.Property(d => d.InputSchema).HasMaxLength(DatasetRules.MaxJsonLength);
            e.Property(d => d.ExpectedOutputSchema).HasMaxLength(DatasetRules.MaxJsonLength);
            e.HasIndex(d => new { d.ProjectId, d.Name }).IsUnique();
            e.HasIndex(d => new { d.ProjectId, d.CreatedAt });
            e.HasOne<Project>().WithMany().HasForeignKey(d => d.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<DatasetItemVersion>(e =>
        {
            e.ToTable("dataset_items");
            e.HasKey(i => i.RowId);
            e.Property(i => i.RowId).HasMaxLength(64);
            e.Property(i => i.Id).HasMaxLength(DatasetRules.MaxItemIdLength).IsRequired();
            e.Property(i => i.DatasetId).HasMaxLength(64);
            e.Property(i => i.Status).HasMaxLength(16);
            e.Property(i => i.Input).HasMaxLength(DatasetRules.MaxJsonLength);
            e.Property(i => i.ExpectedOutput).HasMaxLength(DatasetRules.MaxJsonLength);
            e.Property(i => i.Metadata).HasMaxLength(DatasetRules.MaxJsonLength);
            // One current version per item id and project; two concurrent upserts of a new id cannot both commit.
            // Quoted identifiers read the same in SQLite and PostgreSQL.
            e.HasIndex(i => new { i.ProjectId, i.Id }).IsUnique().HasFilter("\"ValidTo\" IS NULL").HasDatabaseName("IX_dataset_items_current");
            e.HasIndex(i => new { i.ProjectId, i.Id, i.ValidFrom });
            e.HasIndex(i => new { i.DatasetId, i.ValidTo, i.CreatedAt });
            e.HasIndex(i => new { i.ProjectId, i.SourceTraceId });
            e.HasOne<Dataset>().WithMany().HasForeignKey(i => i.DatasetId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<DatasetRun>(e =>
        {
            e.ToTable("dataset_runs");
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).HasMaxLength(64);
            e.Property(r => r.DatasetId).HasMaxLength(64);
            e.Property(r => r.Name).HasMaxLength(DatasetRules.MaxNameLength);
            e.Property(r => r.Description).HasMaxLength(DatasetRules.MaxDescriptionLength);
            e.Property(r => r.Metadata).HasMaxLength(DatasetRules.MaxJsonLength);
            e.HasIndex(r => new { r.DatasetId, r.Name }).IsUnique();
            e.HasIndex(r => new { r.ProjectId, r.DatasetId, r.CreatedAt });
            e.HasOne<Dataset>().WithMany().HasForeignKey(r => r.DatasetId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<LlmConnection>(e =>
        {
            e.ToTable("llm_connections");
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).HasMaxLength(64);
            e.Property(c => c.Provider).HasMaxLength(LlmConnectionRules.MaxProviderLength);
            e.Property(c => c.Adapter).HasMaxLength(32);
            e.Property(c => c.SecretKey).HasMaxLength(LlmConnectionRules.MaxStoredSecretLength);
            e.Property(c => c.DisplaySecretKey).HasMaxLength(64);
            e.Property(c => c.BaseUrl).HasMaxLength(LlmConnectionRules.MaxBaseUrlLength);
            e.Property(c => c.CustomModels).HasMaxLength(100_000);
            e.Property(c => c.ExtraHeaders).HasMaxLength(LlmConnectionRules.MaxStoredHeadersLength);
            e.Property(c => c.ExtraHeaderKeys).HasMaxLength(100_000);
            e.Property(c => c.Config).HasMaxLength(LlmConnectionRules.MaxConfigLength);
            // The upsert key: two concurrent creates of one provider name cannot both commit.
            e.HasIndex(c => new { c.ProjectId, c.Provider }).IsUnique();
            e.HasIndex(c => new { c.ProjectId, c.CreatedAt });
            e.HasOne<Project>().WithMany().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
