using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Sightline.Server.Configuration;

namespace Sightline.Deploy.Tests;

public sealed class DockerfileTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    /// <summary>A variable of ASP.NET Core itself, not Sightline's: the Dockerfile clears the runtime image's 8080 default.</summary>
    private const string AspNetCoreHttpPorts = "ASPNETCORE_HTTP_PORTS";

    [Fact]
    public void Restore_layer_copies_every_project_the_server_is_built_from_before_restoring()
    {
        var build = Dockerfile.Load().Stages[0];
        var restore = build.ToList().FindIndex(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        Assert.True(restore > 0, "the build stage has no dotnet restore step");
        var copiedFirst = build.Take(restore).Where(i => i.Keyword == "COPY").SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1]).ToHashSet(StringComparer.Ordinal);

        var projects = ProjectClosure("src/Sightline.Server/Sightline.Server.csproj");
        Assert.Contains("src/Sightline.Core/Sightline.Core.csproj", projects);
        Assert.All(projects, p => Assert.True(copiedFirst.Contains(p), $"the Dockerfile restores before copying {p}; add a COPY line for it"));
        foreach (var global in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props", "BannedSymbols.txt" })
        {
            Assert.Contains(global, copiedFirst);
        }

        Assert.Contains(build, i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish src/Sightline.Server/Sightline.Server.csproj -c Release", StringComparison.Ordinal));
        Assert.StartsWith("--platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0", build[0].Arguments, StringComparison.Ordinal);

        // What the build needs must not be left out of the build context.
        var ignored = Repository.Read(Repository.DockerIgnore).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.DoesNotContain(ignored, l => l.TrimEnd('/') is "src" or "*" or "global.json" or "Directory.Build.props" or "Directory.Packages.props" or "BannedSymbols.txt");
    }

    [Fact]
    public void Runtime_stage_runs_the_server_as_a_non_root_user_on_port_3000_with_its_data_in_a_volume()
    {
        var runtime = Dockerfile.Load().Runtime;
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", runtime[0].Arguments, StringComparison.Ordinal);
        var user = runtime.Last(i => i.Keyword == "USER").Arguments;
        Assert.DoesNotContain(user, new[] { "root", "0" });
        Assert.Equal(SightlineSettings.DefaultPort.ToString(CultureInfo.InvariantCulture), runtime.Single(i => i.Keyword == "EXPOSE").Arguments);
        Assert.Equal("/data", runtime.Single(i => i.Keyword == "VOLUME").Arguments);

        var environment = RuntimeEnvironment();
        Assert.Equal("/data", environment["SIGHTLINE_DATA_DIR"]);
        Assert.Equal(SightlineSettings.DefaultPort.ToString(CultureInfo.InvariantCulture), environment["PORT"]);
        Assert.Equal(string.Empty, environment[AspNetCoreHttpPorts]);
        environment.Remove(AspNetCoreHttpPorts);
        SightlineVariables.AssertAccepted(environment, "all", "Dockerfile ENV");

        Assert.Equal(["dotnet", "/app/Sightline.Server.dll"], JsonSerializer.Deserialize<string[]>(runtime.Single(i => i.Keyword == "ENTRYPOINT").Arguments)!);
        Assert.Equal(["--role", "all"], JsonSerializer.Deserialize<string[]>(runtime.Single(i => i.Keyword == "CMD").Arguments)!);
    }

    [Fact]
    public async Task Health_check_command_passes_against_the_server_and_fails_when_health_is_not_200()
    {
        var command = HealthCheckCommand();
        Assert.Contains(ServerRoutes.Health, string.Join(' ', command), StringComparison.Ordinal);

        Assert.Equal(0, await RunAsync(command, server.Port));

        var nothingListening = ServerFixture.FreePort();
        Assert.NotEqual(0, await RunAsync(command, nothingListening));

        using var unhealthy = new TcpListener(IPAddress.Loopback, 0);
        unhealthy.Start();
        var answer = AnswerOnceAsync(unhealthy, "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n");
        Assert.NotEqual(0, await RunAsync(command, ((IPEndPoint)unhealthy.LocalEndpoint).Port));
        await answer;
    }

    [Fact]
    public async Task Probe_routes_named_by_the_deployment_files_answer_200_on_the_server()
    {
        using var client = server.CreateClient();
        foreach (var route in new[] { ServerRoutes.Health, ServerRoutes.Ready })
        {
            using var response = await client.GetAsync(route);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var health = JsonDocument.Parse(await client.GetStringAsync(ServerRoutes.Health));
        Assert.Equal("OK", health.RootElement.GetProperty("status").GetString());
    }

    /// <summary>The runtime stage's ENV variables.</summary>
    internal static Dictionary<string, string> RuntimeEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in Dockerfile.Load().Runtime.Where(i => i.Keyword == "ENV").SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            var (name, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            environment[name] = value.Trim('"');
        }

        return environment;
    }

    private static string[] HealthCheckCommand()
    {
        var healthCheck = Dockerfile.Load().Runtime.Single(i => i.Keyword == "HEALTHCHECK").Arguments;
        var json = healthCheck[(healthCheck.IndexOf("CMD [", StringComparison.Ordinal) + 4)..];
        return JsonSerializer.Deserialize<string[]>(json) ?? throw new InvalidOperationException("HEALTHCHECK has no exec-form command");
    }

    /// <summary>Runs the health check as Docker would inside the container, with PORT pointing at the given port.</summary>
    private static async Task<int> RunAsync(string[] command, int port)
    {
        var info = new ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in command[1..])
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    private static async Task AnswerOnceAsync(TcpListener listener, string response)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var buffer = new byte[4096];
        _ = await stream.ReadAsync(buffer);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
    }

    /// <summary>The project and every project it references, transitively, as repository-relative paths.</summary>
    private static SortedSet<string> ProjectClosure(string project)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            if (!found.Add(current))
            {
                continue;
            }

            var directory = Path.GetDirectoryName(Path.Combine(Repository.Root, current))!;
            foreach (var reference in XDocument.Load(Path.Combine(Repository.Root, current)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(directory, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                pending.Push(Path.GetRelativePath(Repository.Root, full).Replace('\\', '/'));
            }
        }

        return found;
    }
}
