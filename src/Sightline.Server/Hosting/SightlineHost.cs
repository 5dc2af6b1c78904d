using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Console;
using Scalar.AspNetCore;
using Sightline.Auth;
using Sightline.Server.Configuration;
using Sightline.Storage;
using Sightline.Storage.ClickHouse;
using Sightline.Storage.DuckDb;
using Sightline.Storage.Local;
using Sightline.Storage.Postgres;
using Sightline.Storage.Redis;
using Sightline.Storage.S3;
using Sightline.Storage.Sqlite;

namespace Sightline.Server.Hosting;

internal static class SightlineHost
{
    /// <summary>Exit code for a configuration the process refuses to start with.</summary>
    public const int ConfigurationExitCode = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var startedAt = TimeProvider.System.GetTimestamp();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        var (settings, errors) = SightlineSettings.Load(builder.Configuration);
        if (settings is null)
        {
            return Refuse(errors);
        }

        if (HalfEventLog(settings) is { } half)
        {
            return Refuse([half]);
        }

        var directoryErrors = new ConfigurationErrorList();
        using var dataDirectory = DataDirectory.Open(settings.DataDirectory, directoryErrors);
        var secrets = dataDirectory is null ? null : LoadSecrets(settings, dataDirectory, directoryErrors);
        if (dataDirectory is null || secrets is null)
        {
            return Refuse(directoryErrors);
        }

        ConfigureLogging(builder, settings);
        ConfigureKestrel(builder, settings);
        builder.Services.AddSingleton(secrets);
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory.Path, "keys")));
        if (settings.ClickHouse is null)
        {
            builder.Services.AddSingleton(new Sightline.Ingestion.IngestionOptions { WorkerBatchRecords = Sightline.Ingestion.IngestionOptions.EmbeddedWorkerBatchRecords });
        }

        builder.Services.AddSightlineCore(settings.Admin, settings.Bootstrap, settings.Media);
        if (settings.Postgres is { } pg)
        {
            builder.Services.AddPostgresMetadata(PostgresConnectionStrings.Build(pg.Host, pg.Port, pg.Username, pg.Password, pg.Database, pg.Parameters));
        }
        else
        {
            builder.Services.AddSqliteMetadata(dataDirectory.MetadataDatabase);
        }

        var redisKeyPrefix = builder.Configuration["SIGHTLINE_REDIS_KEY_PREFIX"] is { Length: > 0 } keyPrefix ? keyPrefix : "sightline:";
        if (settings.Redis is { } redis)
        {
            builder.Services.AddRedisConnection(redis.ToConnectionSettings());
            builder.Services.AddRedisCacheInvalidation(redisKeyPrefix);
        }

        if (settings.EventUpload is { } eventBucket && settings.Redis is not null)
        {
            builder.Services.AddRedisEventLog(eventBucket.ToOptions("LANGFUSE_S3_EVENT_UPLOAD_"), new RedisEventLogOptions
            {
                ConsumerName = ConsumerName(settings),
                KeyPrefix = redisKeyPrefix,
                ClaimAfter = settings.WorkerClaimAfter,
            });
        }
        else
        {
            builder.Services.AddLocalEventLog(Path.Combine(dataDirectory.Path, "events"), new LocalEventLogOptions());
        }

        if (settings.MediaUpload is { } mediaBucket)
        {
            builder.Services.AddS3MediaStore(mediaBucket.ToOptions("LANGFUSE_S3_MEDIA_UPLOAD_"));
        }
        else
        {
            builder.Services.AddLocalMediaStore(Path.Combine(dataDirectory.Path, "media"));
        }

        if (settings.ClickHouse is { } ch)
        {
            builder.Services.AddClickHouseAnalytics(new ClickHouseOptions
            {
                Url = ch.Url,
                User = ch.User,
                Password = ch.Password,
                Database = ch.Database,
                ClusterEnabled = ch.ClusterEnabled,
                ClusterName = ch.ClusterName,
            });
        }
        else
        {
            var duckDbOptions = settings.DuckDbMemoryLimitMegabytes is { } megabytes
                ? new DuckDbOptions { MemoryLimitBytes = megabytes * 1024L * 1024 }
                : new DuckDbOptions();
            builder.Services.AddDuckDbAnalytics(Path.Combine(dataDirectory.Path, "analytics.duckdb"), duckDbOptions);
        }

        if (settings.Role != ServerRole.Web)
        {
            builder.Services.AddSightlineWorker(new Sightline.Projects.RetentionOptions { Interval = settings.RetentionInterval });
        }

        if (builder.Configuration["SIGHTLINE_RUNTIME_STATS_FILE"] is { Length: > 0 } statsFile)
        {
            builder.Services.AddHostedService(s => new RuntimeStatsRecorder(statsFile, s.GetRequiredService<Sightline.Ingestion.IEventLog>(), TimeProvider.System));
        }

        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Sightline public API";
            doc.Info.Description = "Langfuse-compatible public API. Authenticate with HTTP Basic: public key as user name, secret key as password.";
            doc.Info.Version = Sightline.Health.HealthEndpoints.Version;
            return Task.CompletedTask;
        }));

        if (settings.RateLimitPerKey is { } perKey)
        {
            builder.Services.AddApiKeyRateLimit(perKey);
        }

        await using var app = builder.Build();
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseMiddleware<StartupGateMiddleware>();
        app.UseAuthentication();
        if (settings.RateLimitPerKey is not null)
        {
            app.UseApiKeyRateLimit();
        }

        app.UseAuthorization();
        if (settings.Role == ServerRole.Worker)
        {
            // A worker has no public API; its port answers only liveness and readiness probes.
            Sightline.Health.HealthEndpoints.MapHealth(app);
        }
        else
        {
            app.MapSightlineApi();
            app.MapOpenApi("/api/public/openapi.json").AllowAnonymous();
            app.MapScalarApiReference("/api/reference", o => o
                .WithTitle("Sightline API reference")
                .WithOpenApiRoutePattern("/api/public/openapi.json")).AllowAnonymous();
            app.MapGet("/", () => Results.Redirect("/api/reference")).ExcludeFromDescription();
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Sightline");
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        // Migrations and bootstrap run while Kestrel binds; the startup gate holds requests until they finish.
        var storageReady = PrepareStorageAsync(app.Services, bootstrap: settings.Role != ServerRole.Worker, lifetime.ApplicationStopping);
        try
        {
            await app.StartAsync(lifetime.ApplicationStopping);
        }
        catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            return Refuse([new ConfigurationError(settings.Urls is null ? "PORT" : "--urls", $"the address is already in use ({ex.Message}).", "stop the other process or choose another port with PORT=<n>.")]);
        }

        try
        {
            await storageReady;
        }
        catch (StorageStartException ex)
        {
            logger.StorageFailed(ex.InnerException!, ex.Component);
            await app.StopAsync(CancellationToken.None);
            return Refuse([StorageError(settings, ex)]);
        }

        var elapsedMs = (long)TimeProvider.System.GetElapsedTime(startedAt).TotalMilliseconds;
        // Start-up garbage (configuration, migrations, bootstrap) would otherwise hold its heap pages until the
        // first busy minute; one aggressive collection hands them back while nothing else is running.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var profile = settings.Profile.ToString().ToLowerInvariant();
        var role = settings.Role.ToString().ToLowerInvariant();
        var urls = string.Join(", ", app.Urls);
        logger.Started(Sightline.Health.HealthEndpoints.Version, profile, role, urls, dataDirectory.Path, elapsedMs);
        if (settings.Role == ServerRole.Worker)
        {
            if (!settings.JsonLogs)
            {
                Console.Out.WriteLine($"Sightline worker is running (health probes at {string.Join(", ", app.Urls)}/api/public/health)");
            }
        }
        else if (!settings.JsonLogs)
        {
            Console.Out.WriteLine($"Sightline is running at {settings.Bootstrap.PublicUrl} (API reference: {settings.Bootstrap.PublicUrl}/api/reference)");
        }
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static async Task PrepareStorageAsync(IServiceProvider services, bool bootstrap, CancellationToken ct)
    {
        await Task.Yield();
        foreach (var initializer in services.GetServices<IStorageInitializer>())
        {
            try
            {
                await initializer.InitializeAsync(ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                throw new StorageStartException(initializer.Name, ex);
            }
        }

        // LANGFUSE_INIT_* belongs to the nodes that serve the API; workers never create organizations or keys.
        if (bootstrap)
        {
            await services.GetRequiredService<Sightline.Projects.Bootstrapper>().RunAsync(ct);
        }

        services.GetRequiredService<Sightline.Health.StartupGate>().Open();
    }

    private static int Refuse(IEnumerable<ConfigurationError> errors)
    {
        foreach (var error in errors)
        {
            Console.Error.WriteLine($"Sightline cannot start: {error}");
        }

        return ConfigurationExitCode;
    }

    // A storage engine that cannot be reached or migrated stops the start with one line, like a bad setting.
    private static ConfigurationError StorageError(SightlineSettings settings, StorageStartException ex)
    {
        var cause = ex.InnerException!;
        if (cause is S3StartException s3)
        {
            return new ConfigurationError(s3.Setting, s3.Message, s3.Fix);
        }

        if (cause is RedisStartException redis)
        {
            return new ConfigurationError(redis.Setting, redis.Message, redis.Fix);
        }

        var reason = (cause.InnerException is { } inner && cause is not Npgsql.PostgresException ? inner : cause).Message.ReplaceLineEndings(" ");
        if (ex.Component.StartsWith("clickhouse", StringComparison.Ordinal) && settings.ClickHouse is { } ch)
        {
            // ClickHouse's own answer (or the HTTP error, which names the address) says more than its inner exception.
            return new ConfigurationError("CLICKHOUSE_URL",
                $"ClickHouse at {new ClickHouseOptions { Url = ch.Url }.DisplayUrl} (database '{ch.Database}', user '{ch.User}') refused the analytics store: {cause.Message.ReplaceLineEndings(" ").Trim()}",
                "check CLICKHOUSE_URL, CLICKHOUSE_USER, CLICKHOUSE_PASSWORD and CLICKHOUSE_DB, and that the server (ClickHouse 24.3 or later) accepts HTTP connections from this machine.");
        }

        return ex.Component.StartsWith("postgres", StringComparison.Ordinal) && settings.Postgres is { } pg
            ? new ConfigurationError(Environment.GetEnvironmentVariable("DATABASE_URL") is null ? "DATABASE_HOST" : "DATABASE_URL",
                $"PostgreSQL at {pg.Host}:{pg.Port} (database '{pg.Database}', user '{pg.Username}') refused the metadata store: {reason}",
                "check the host, port, user name, password and database, and that the server accepts connections from this machine.")
            : new ConfigurationError("SIGHTLINE_DATA_DIR", $"the {ex.Component} could not be opened: {reason}", "check the data directory's permissions and free space; the log above has the details.");
    }

    // The event log keeps its records in S3 and its work queue in Redis: one without the other is a half-configured log.
    private static ConfigurationError? HalfEventLog(SightlineSettings s) =>
        s.EventUpload is not null && s.Redis is null
            ? new ConfigurationError("REDIS_CONNECTION_STRING", "is not set, but LANGFUSE_S3_EVENT_UPLOAD_* is: the event log stores batches in S3 and queues them in Redis.", "set REDIS_CONNECTION_STRING (or REDIS_HOST), or unset LANGFUSE_S3_EVENT_UPLOAD_* to keep the event log in the data directory.")
            : s.Redis is not null && s.EventUpload is null
                ? new ConfigurationError("LANGFUSE_S3_EVENT_UPLOAD_BUCKET", "is not set, but Redis is: queued batches must be durable in S3 before they are acknowledged.", "set LANGFUSE_S3_EVENT_UPLOAD_BUCKET and LANGFUSE_S3_EVENT_UPLOAD_REGION (and the endpoint and keys for MinIO or R2), or unset REDIS_*.")
                : null;

    // Stable across restarts of the same node, so its own unacknowledged records come back to it first.
    private static string ConsumerName(SightlineSettings s) =>
        Environment.GetEnvironmentVariable("SIGHTLINE_NODE_NAME") is { Length: > 0 } name ? name : $"{Environment.MachineName}:{s.DataDirectory}";

    private static InstanceSecrets? LoadSecrets(SightlineSettings settings, DataDirectory dataDirectory, ConfigurationErrorList errors)
    {
        var salt = settings.Salt ?? dataDirectory.ReadOrCreateSecret("salt", "SALT", DataDirectory.NewHexKey, errors);
        var key = settings.EncryptionKey;
        if (key is null && dataDirectory.ReadOrCreateSecret("encryption-key", "ENCRYPTION_KEY", DataDirectory.NewHexKey, errors) is { } stored)
        {
            if (stored.Length != 64 || !stored.All(Uri.IsHexDigit))
            {
                errors.Add("ENCRYPTION_KEY", $"is not set and the key kept in '{Path.Combine(dataDirectory.Path, "encryption-key")}' is not 64 hex characters.", "restore that file from a backup, or set ENCRYPTION_KEY to the key you used before.");
                return null;
            }

            key = Convert.FromHexString(stored);
        }

        return salt is null || key is null ? null : new InstanceSecrets(System.Text.Encoding.UTF8.GetBytes(salt), key);
    }

    private static void ConfigureLogging(WebApplicationBuilder builder, SightlineSettings settings)
    {
        builder.Logging.ClearProviders();
        if (settings.JsonLogs)
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                // Scopes (request and trace ids) go to JSON logs; text logs stay readable for a person.
                o.IncludeScopes = false;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "HH:mm:ss ";
                o.ColorBehavior = LoggerColorBehavior.Default;
            });
            // The hosting layer starts an Activity and a log scope for every request whenever its category logs at
            // any level. Text logs show no scopes, and the category's own messages (request started and finished)
            // are below the Warning filter further down, so turning it off changes no line of output and saves
            // about a fifth of what a small request (a cached prompt fetch) allocates.
            builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        }

        var level = settings.LogLevel switch
        {
            "trace" => LogLevel.Trace,
            "debug" => LogLevel.Debug,
            "warn" => LogLevel.Warning,
            "error" => LogLevel.Error,
            "fatal" => LogLevel.Critical,
            _ => LogLevel.Information,
        };
        builder.Logging.SetMinimumLevel(level);
        // Framework chatter (every request, every SQL command) stays out of the operator's console.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
        // Key-ring files sit in the data directory, which is the trust boundary of the embedded profile.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
    }

    private static void ConfigureKestrel(WebApplicationBuilder builder, SightlineSettings settings)
    {
        if (settings.Urls is null)
        {
            builder.WebHost.UseUrls($"http://0.0.0.0:{settings.Port}");
        }

        builder.WebHost.ConfigureKestrel(o =>
        {
            o.AddServerHeader = false;
            o.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });
    }
}
