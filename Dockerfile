# syntax=docker/dockerfile:1
# Sightline's container image: the .NET 10 SDK builds a framework-dependent Release publish of src/Sightline.Server,
# which runs on the ASP.NET Core 10 runtime image as a non-root user. Build from the repository root:
#   docker build -t sightline .
# Usage, the compose files and the Helm chart: docs/deployment.md.

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /src

# Restore first, from the project files alone, so that the package layer is reused until a project file or a
# package version changes. Every project the server references is listed here (a test checks the list).
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY src/Sightline.Core/Sightline.Core.csproj src/Sightline.Core/
COPY src/Sightline.Storage.Analytics.Sql/Sightline.Storage.Analytics.Sql.csproj src/Sightline.Storage.Analytics.Sql/
COPY src/Sightline.Storage.ClickHouse/Sightline.Storage.ClickHouse.csproj src/Sightline.Storage.ClickHouse/
COPY src/Sightline.Storage.DuckDb/Sightline.Storage.DuckDb.csproj src/Sightline.Storage.DuckDb/
COPY src/Sightline.Storage.Local/Sightline.Storage.Local.csproj src/Sightline.Storage.Local/
COPY src/Sightline.Storage.Postgres/Sightline.Storage.Postgres.csproj src/Sightline.Storage.Postgres/
COPY src/Sightline.Storage.Redis/Sightline.Storage.Redis.csproj src/Sightline.Storage.Redis/
COPY src/Sightline.Storage.S3/Sightline.Storage.S3.csproj src/Sightline.Storage.S3/
COPY src/Sightline.Storage.Sqlite/Sightline.Storage.Sqlite.csproj src/Sightline.Storage.Sqlite/
COPY src/Sightline.Server/Sightline.Server.csproj src/Sightline.Server/
RUN dotnet restore src/Sightline.Server/Sightline.Server.csproj -a "$TARGETARCH"

COPY src/ src/
# UseAppHost=false: the entry point is `dotnet Sightline.Server.dll`, so a cross-architecture build needs no apphost
# package for the target. -a keeps only the target's native SQLite and DuckDB libraries.
RUN dotnet publish src/Sightline.Server/Sightline.Server.csproj -c Release -a "$TARGETARCH" --no-restore \
      -p:UseAppHost=false -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./

# The data directory of the embedded profile (in the scale profile it holds only node-local files). The image's
# non-root user (APP_UID, 1654) owns it, so a fresh named volume is writable.
RUN mkdir -p /data && chown "$APP_UID" /data
VOLUME /data

# The runtime image sets ASPNETCORE_HTTP_PORTS=8080; Sightline listens on PORT (3000) instead, and clearing the
# variable keeps ASP.NET Core from warning that one overrides the other.
ENV SIGHTLINE_DATA_DIR=/data \
    PORT=3000 \
    ASPNETCORE_HTTP_PORTS="" \
    LOG_FORMAT=json
EXPOSE 3000
USER $APP_UID

# The image has neither curl nor wget: bash sends the request over /dev/tcp and the status line decides. Orchestrators
# with their own HTTP probes (Kubernetes) use GET /api/public/health for liveness and /api/public/ready for readiness.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT:-3000} && printf 'GET /api/public/health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

# Arguments after the image name reach the server: `docker run sightline --role worker`.
ENTRYPOINT ["dotnet", "/app/Sightline.Server.dll"]
CMD ["--role", "all"]
