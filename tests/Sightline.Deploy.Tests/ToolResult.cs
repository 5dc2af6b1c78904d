namespace Sightline.Deploy.Tests;

internal sealed record ToolResult(int ExitCode, string Stdout, string Stderr)
{
    public string EnsureSuccess() =>
        ExitCode == 0 ? Stdout : throw new InvalidOperationException($"exit code {ExitCode}\nstderr:\n{Stderr}\nstdout:\n{Stdout}");
}
