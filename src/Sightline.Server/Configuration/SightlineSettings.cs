using System.Globalization;
using Microsoft.Extensions.Configuration;
using Sightline.Auth;
using Sightline.Media;
using Sightline.Projects;

namespace Sightline.Server.Configuration;

/// <summary>
/// Every setting, read from Langfuse's variable names and validated before the host is built: the profile and
/// storage engines must be known to compose the services, so an invalid value has to stop the process here, with
/// one line per problem, rather than surface at first use.
/// </summary>
internal sealed record SightlineSettings
{
    public const int DefaultPort = 3000;
    public static readonly TimeSpan DefaultWorkerClaimAfter = TimeSpan.FromSeconds(60);

    public required Profile Profile { get; init; }
    public required ServerRole Role { get; init; }
    public required string DataDirectory { get; init; }
    public required int Port { get; init; }
    /// <summary><c>--urls</c> / <c>ASPNETCORE_URLS</c>, which win over <c>PORT</c>.</summary>
    public string? Urls { get; init; }
    public required bool JsonLogs { get; init; }
    public string? LogLevel { get; init; }
    public string? PublicUrl { get; init; }
    public PostgresConnectionInfo? Postgres { get; init; }
    public ClickHouseSettings? ClickHouse { get; init; }
    public RedisSettings? Redis { get; init; }
    public S3Settings? EventUpload { get; init; }
    public S3Settings? MediaUpload { get; init; }
    public required MediaOptions Media { get; init; }
    /// <summary>
    /// <c>SIGHTLINE_WORKER_CLAIM_AFTER_SECONDS</c>: how long a silent worker keeps its unacknowledged queue entries and
    /// its merge locks before another worker takes them over.
    /// </summary>
    public TimeSpan WorkerClaimAfter { get; init; } = DefaultWorkerClaimAfter;
    /// <summary>
    /// <c>SIGHTLINE_DUCKDB_MEMORY_LIMIT_MB</c>: the embedded analytics store's buffer manager limit; null keeps
    /// <see cref="Sightline.Storage.DuckDb.DuckDbOptions"/>' default.
    /// </summary>
    public int? DuckDbMemoryLimitMegabytes { get; init; }

    /// <summary>
    /// <c>SIGHTLINE_RATE_LIMIT_PER_KEY</c>: requests per second each API key may send (a burst of as many is allowed);
    /// null, the default, sets no limit.
    /// </summary>
    public int? RateLimitPerKey { get; init; }

    /// <summary><c>SIGHTLINE_RETENTION_INTERVAL_SECONDS</c>: how often the worker applies projects' data retention.</summary>
    public TimeSpan RetentionInterval { get; init; } = TimeSpan.FromHours(1);
    /// <summary><c>SALT</c>; generated and kept in the data directory when unset in the embedded profile.</summary>
    public string? Salt { get; init; }
    /// <summary><c>ENCRYPTION_KEY</c> (32 bytes); generated and kept like the salt when unset.</summary>
    public byte[]? EncryptionKey { get; init; }
    public required AdminApiOptions Admin { get; init; }
    public required BootstrapOptions Bootstrap { get; init; }

    public static (SightlineSettings? Settings, IReadOnlyList<ConfigurationError> Errors) Load(IConfiguration configuration)
    {
        var reader = new SettingsReader(configuration);
        var errors = reader.Errors;

        var role = ServerRole.All;
        switch (reader.Get("role")?.ToLowerInvariant())
        {
            case null or "all": break;
            case "web": role = ServerRole.Web; break;
            case "worker": role = ServerRole.Worker; break;
            default: errors.Add("--role", $"'{reader.Get("role")}' is not a role.", "use --role all (default), --role web or --role worker."); break;
        }

        var port = DefaultPort;
        if (reader.Get("PORT") is { } portText && !PostgresConnectionInfo.TryParsePort(portText, out port))
        {
            errors.Add("PORT", $"'{portText}' is not a port number.", "set a number from 1 to 65535, or unset it for 3000.");
        }

        var logFormat = reader.Get("LOG_FORMAT")?.ToLowerInvariant();
        if (logFormat is not (null or "json" or "text"))
        {
            errors.Add("LOG_FORMAT", $"'{logFormat}' is not a log format.", "set it to json or text (default).");
        }

        var logLevel = reader.Get("LANGFUSE_LOG_LEVEL")?.ToLowerInvariant();
        if (logLevel is not (null or "trace" or "debug" or "info" or "warn" or "error" or "fatal"))
        {
            errors.Add("LANGFUSE_LOG_LEVEL", $"'{logLevel}' is not a log level.", "use one of trace, debug, info (default), warn, error, fatal.");
        }

        var publicUrl = reader.Get("NEXTAUTH_URL");
        if (publicUrl is not null && (!Uri.TryCreate(publicUrl, UriKind.Absolute, out var pu) || pu.Scheme is not ("http" or "https")))
        {
            errors.Add("NEXTAUTH_URL", "is not an absolute http(s) URL.", "set it to the address users open, e.g. https://sightline.example.com.");
        }

        var postgres = ReadDatabase(reader);
        var clickHouse = ClickHouseSettings.Read(reader);
        var redis = RedisSettings.Read(reader);
        var eventUpload = S3Settings.Read(reader, "LANGFUSE_S3_EVENT_UPLOAD_");
        var mediaUpload = S3Settings.Read(reader, "LANGFUSE_S3_MEDIA_UPLOAD_");
        var media = ReadMedia(reader, publicUrl);
        var profile = postgres is not null || clickHouse is not null || redis is not null || eventUpload is not null
            || reader.Get("DATABASE_URL") is not null || reader.Get("DATABASE_HOST") is not null || reader.Get("CLICKHOUSE_URL") is not null
                ? Profile.Scale
                : Profile.Embedded;

        var encryptionKey = ReadEncryptionKey(reader);
        var salt = reader.GetRaw("SALT");
        if (profile == Profile.Scale)
        {
            if (salt is null)
            {
                errors.Add("SALT", "is required when PostgreSQL/ClickHouse/Redis/S3 are configured (every node must hash API keys alike).", "set the same random value on every node, e.g. the output of: openssl rand -base64 32");
            }

            if (encryptionKey is null && reader.Get("ENCRYPTION_KEY") is null)
            {
                errors.Add("ENCRYPTION_KEY", "is required when PostgreSQL/ClickHouse/Redis/S3 are configured (every node must decrypt alike).", "set 64 hex characters, generated with: openssl rand -hex 32");
            }
        }

        if (role != ServerRole.All && UnsharedStores(reader, role, postgres, clickHouse, redis, eventUpload, mediaUpload) is { Count: > 0 } unshared)
        {
            errors.Add("--role", $"'{role.ToString().ToLowerInvariant()}' runs beside other processes, which must share every store, but {string.Join(", ", unshared)} {(unshared.Count == 1 ? "is" : "are")} not set: {(unshared.Count == 1 ? "that store" : "those stores")} would stay in this process's data directory.",
                "set them on every web and worker node (see docs/deployment.md), or run one process with --role all (the default).");
        }

        var claimSeconds = ReadWholeNumber(reader, errors, "SIGHTLINE_WORKER_CLAIM_AFTER_SECONDS", 1, 3600, "seconds",
            $"set e.g. {(int)DefaultWorkerClaimAfter.TotalSeconds} (the default), or unset it.");
        var duckDbMemory = ReadWholeNumber(reader, errors, "SIGHTLINE_DUCKDB_MEMORY_LIMIT_MB", 16, 1048576, "megabytes", "set e.g. 128, or unset it for the default.");
        var rateLimit = ReadWholeNumber(reader, errors, "SIGHTLINE_RATE_LIMIT_PER_KEY", 1, 1_000_000, "requests per second", "set e.g. 100, or unset it for no limit.");
        var retentionSeconds = ReadWholeNumber(reader, errors, "SIGHTLINE_RETENTION_INTERVAL_SECONDS", 1, 86400, "seconds", "set e.g. 3600 (the default), or unset it.");

        var urls = reader.Get("urls");
        var bootstrap = ReadBootstrap(reader, profile, publicUrl ?? LocalUrl(urls, port));
        var settings = new SightlineSettings
        {
            Profile = profile,
            Role = role,
            DataDirectory = Path.GetFullPath(reader.Get("SIGHTLINE_DATA_DIR") ?? "data"),
            Port = port,
            Urls = urls,
            JsonLogs = logFormat == "json",
            LogLevel = logLevel,
            PublicUrl = publicUrl,
            Postgres = postgres,
            ClickHouse = clickHouse,
            Redis = redis,
            EventUpload = eventUpload,
            MediaUpload = mediaUpload,
            Media = media,
            WorkerClaimAfter = claimSeconds is { } claim ? TimeSpan.FromSeconds(claim) : DefaultWorkerClaimAfter,
            DuckDbMemoryLimitMegabytes = duckDbMemory,
            RateLimitPerKey = rateLimit,
            RetentionInterval = retentionSeconds is { } retention ? TimeSpan.FromSeconds(retention) : TimeSpan.FromHours(1),
            Salt = salt,
            EncryptionKey = encryptionKey,
            Admin = new AdminApiOptions { AdminApiKey = reader.GetRaw("ADMIN_API_KEY") },
            Bootstrap = bootstrap,
        };
        return errors.Count == 0 ? (settings, errors) : (null, errors);
    }

    /// <summary>
    /// A whole number from <paramref name="min"/> to <paramref name="max"/>; null when the variable is unset, and an
    /// error naming it (the value, the range and the unit) when it is anything else.
    /// </summary>
    private static int? ReadWholeNumber(SettingsReader reader, ConfigurationErrorList errors, string name, int min, int max, string unit, string fix)
    {
        if (reader.Get(name) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add(name, $"'{text}' is not a number of {unit} from {min} to {max}.", fix);
        return null;
    }

    /// <summary>
    /// The variables a split role lacks: web and worker processes only work together through PostgreSQL, ClickHouse,
    /// the S3 + Redis event log, and (web nodes, which take uploads) the S3 media bucket. A store whose variables are
    /// given but invalid already has its own error line and is not named again.
    /// </summary>
    private static List<string> UnsharedStores(SettingsReader reader, ServerRole role, PostgresConnectionInfo? postgres, ClickHouseSettings? clickHouse, RedisSettings? redis, S3Settings? eventUpload, S3Settings? mediaUpload)
    {
        var missing = new List<string>();
        if (postgres is null && reader.Get("DATABASE_URL") is null && reader.Get("DATABASE_HOST") is null)
        {
            missing.Add("DATABASE_URL (PostgreSQL metadata)");
        }

        if (clickHouse is null && reader.Get("CLICKHOUSE_URL") is null)
        {
            missing.Add("CLICKHOUSE_URL (ClickHouse analytics)");
        }

        if (redis is null && reader.Get("REDIS_CONNECTION_STRING") is null && reader.Get("REDIS_HOST") is null)
        {
            missing.Add("REDIS_CONNECTION_STRING (work queue)");
        }

        if (eventUpload is null && reader.Get("LANGFUSE_S3_EVENT_UPLOAD_BUCKET") is null)
        {
            missing.Add("LANGFUSE_S3_EVENT_UPLOAD_BUCKET (event log)");
        }

        if (role == ServerRole.Web && mediaUpload is null && reader.Get("LANGFUSE_S3_MEDIA_UPLOAD_BUCKET") is null)
        {
            missing.Add("LANGFUSE_S3_MEDIA_UPLOAD_BUCKET (media)");
        }

        return missing;
    }

    /// <summary>The address a person on this machine opens: the first listen URL with wildcards made concrete.</summary>
    private static string LocalUrl(string? urls, int port)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null)
        {
            return $"http://localhost:{port}";
        }

        foreach (var wildcard in new[] { "://0.0.0.0", "://[::]", "://+", "://*" })
        {
            first = first.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        }

        return first.TrimEnd('/');
    }

    private static MediaOptions ReadMedia(SettingsReader reader, string? publicUrl)
    {
        var media = new MediaOptions();
        const string maxName = "LANGFUSE_S3_MEDIA_MAX_CONTENT_LENGTH";
        if (reader.Get(maxName) is { } maxText)
        {
            if (long.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max > 0)
            {
                media.MaxContentLength = max;
            }
            else
            {
                reader.Errors.Add(maxName, $"'{maxText}' is not a positive whole number of bytes.", $"set the largest accepted media object in bytes, e.g. {MediaOptions.DefaultMaxContentLength} (the default, 1 GB), or unset it.");
            }
        }

        const string expiryName = "LANGFUSE_S3_MEDIA_DOWNLOAD_URL_EXPIRY_SECONDS";
        const int maxExpirySeconds = 7 * 24 * 3600;
        if (reader.Get(expiryName) is { } expiryText)
        {
            if (int.TryParse(expiryText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= maxExpirySeconds)
            {
                media.DownloadUrlLifetime = TimeSpan.FromSeconds(seconds);
            }
            else
            {
                reader.Errors.Add(expiryName, $"'{expiryText}' is not a number of seconds from 1 to {maxExpirySeconds} (7 days, the longest an S3 presigned URL may live).", "set e.g. 3600 (the default), or unset it.");
            }
        }

        media.PublicUrl = publicUrl is not null && Uri.TryCreate(publicUrl, UriKind.Absolute, out var uri) ? uri : null;
        return media;
    }

    private static PostgresConnectionInfo? ReadDatabase(SettingsReader reader)
    {
        var url = reader.Get("DATABASE_URL");
        var host = reader.Get("DATABASE_HOST");
        if (url is not null && host is not null)
        {
            reader.Errors.Add("DATABASE_URL", "and DATABASE_HOST are both set, so it is unclear which database to use.", "keep DATABASE_URL, or unset it and keep the DATABASE_HOST/PORT/USERNAME/PASSWORD/NAME variables.");
            return null;
        }

        if (url is not null)
        {
            return PostgresConnectionInfo.Parse(url, reader.Errors);
        }

        if (host is null)
        {
            foreach (var name in new[] { "DATABASE_PORT", "DATABASE_USERNAME", "DATABASE_PASSWORD", "DATABASE_NAME" })
            {
                if (reader.Get(name) is not null)
                {
                    reader.Errors.Add("DATABASE_HOST", $"is not set, but {name} is.", "set DATABASE_HOST to the PostgreSQL server's host name, or unset the other DATABASE_* variables.");
                    return null;
                }
            }

            return null;
        }

        var port = 5432;
        if (reader.Get("DATABASE_PORT") is { } portText && !PostgresConnectionInfo.TryParsePort(portText, out port))
        {
            reader.Errors.Add("DATABASE_PORT", $"'{portText}' is not a port number.", "set a number from 1 to 65535, or unset it for 5432.");
        }

        var user = reader.Get("DATABASE_USERNAME");
        var password = reader.GetRaw("DATABASE_PASSWORD");
        var database = reader.Get("DATABASE_NAME");
        if (user is null)
        {
            reader.Errors.Add("DATABASE_USERNAME", "is not set, but DATABASE_HOST is.", "set the PostgreSQL user name.");
        }

        if (database is null)
        {
            reader.Errors.Add("DATABASE_NAME", "is not set, but DATABASE_HOST is.", "set the database name, e.g. postgres.");
        }

        return user is null || database is null
            ? null
            : new PostgresConnectionInfo(host, port, user, password ?? string.Empty, database, new Dictionary<string, string>());
    }

    private static byte[]? ReadEncryptionKey(SettingsReader reader)
    {
        var text = reader.Get("ENCRYPTION_KEY");
        if (text is null)
        {
            return null;
        }

        if (text.Length != 64 || !text.All(Uri.IsHexDigit))
        {
            reader.Errors.Add("ENCRYPTION_KEY", $"must be exactly 64 hex characters (256 bits); the value given has {text.Length} characters{(text.All(Uri.IsHexDigit) ? string.Empty : " and non-hex ones")}.",
                "generate one with: openssl rand -hex 32");
            return null;
        }

        return Convert.FromHexString(text);
    }

    private static BootstrapOptions ReadBootstrap(SettingsReader reader, Profile profile, string publicUrl)
    {
        var b = new BootstrapOptions
        {
            OrganizationId = reader.Get("LANGFUSE_INIT_ORG_ID"),
            OrganizationName = reader.Get("LANGFUSE_INIT_ORG_NAME"),
            ProjectId = reader.Get("LANGFUSE_INIT_PROJECT_ID"),
            ProjectName = reader.Get("LANGFUSE_INIT_PROJECT_NAME"),
            PublicKey = reader.Get("LANGFUSE_INIT_PROJECT_PUBLIC_KEY"),
            SecretKey = reader.GetRaw("LANGFUSE_INIT_PROJECT_SECRET_KEY"),
            UserEmail = reader.Get("LANGFUSE_INIT_USER_EMAIL"),
            UserName = reader.Get("LANGFUSE_INIT_USER_NAME"),
            UserPassword = reader.GetRaw("LANGFUSE_INIT_USER_PASSWORD"),
            CreateDefaultProject = profile == Profile.Embedded,
            PublicUrl = publicUrl,
        };

        var errors = reader.Errors;
        if (b.ProjectId is not null && b.OrganizationId is null)
        {
            errors.Add("LANGFUSE_INIT_ORG_ID", "is not set, but LANGFUSE_INIT_PROJECT_ID is (a project belongs to an organization).", "set LANGFUSE_INIT_ORG_ID too.");
        }

        if ((b.PublicKey is null) != (b.SecretKey is null))
        {
            var missing = b.PublicKey is null ? "LANGFUSE_INIT_PROJECT_PUBLIC_KEY" : "LANGFUSE_INIT_PROJECT_SECRET_KEY";
            errors.Add(missing, "is not set, but its partner is.", "set both LANGFUSE_INIT_PROJECT_PUBLIC_KEY and LANGFUSE_INIT_PROJECT_SECRET_KEY.");
        }
        else if (b.PublicKey is not null && b.ProjectId is null)
        {
            errors.Add("LANGFUSE_INIT_PROJECT_ID", "is not set, but LANGFUSE_INIT_PROJECT_PUBLIC_KEY is (keys belong to a project).", "set LANGFUSE_INIT_PROJECT_ID and LANGFUSE_INIT_ORG_ID too.");
        }

        if (b.UserEmail is not null)
        {
            if (b.UserPassword is null)
            {
                errors.Add("LANGFUSE_INIT_USER_PASSWORD", "is not set, but LANGFUSE_INIT_USER_EMAIL is.", "set the initial user's password.");
            }

            if (b.OrganizationId is null)
            {
                errors.Add("LANGFUSE_INIT_ORG_ID", "is not set, but LANGFUSE_INIT_USER_EMAIL is (the user becomes the organization's owner).", "set LANGFUSE_INIT_ORG_ID too.");
            }

            if (!b.UserEmail.Contains('@', StringComparison.Ordinal))
            {
                errors.Add("LANGFUSE_INIT_USER_EMAIL", "is not an e-mail address.", "set it to the initial user's e-mail address.");
            }
        }

        return b;
    }
}
