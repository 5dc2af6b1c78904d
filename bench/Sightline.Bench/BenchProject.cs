using System.Net.Http.Headers;
using System.Text;

namespace Sightline.Bench;

/// <summary>
/// The organisation, project and API key a benchmarked server creates at start through Langfuse's
/// <c>LANGFUSE_INIT_*</c> variables, so the load needs no admin calls.
/// </summary>
internal static class BenchProject
{
    private const string OrgId = "bench-org";
    private const string ProjectId = "bench-project";
    private const string PublicKey = "pk-lf-bench";
    private const string SecretKey = "sk-lf-bench";

    public static Dictionary<string, string> Environment() => new(StringComparer.Ordinal)
    {
        ["LANGFUSE_INIT_ORG_ID"] = OrgId,
        ["LANGFUSE_INIT_PROJECT_ID"] = ProjectId,
        ["LANGFUSE_INIT_PROJECT_PUBLIC_KEY"] = PublicKey,
        ["LANGFUSE_INIT_PROJECT_SECRET_KEY"] = SecretKey,
    };

    public static AuthenticationHeaderValue Authorization() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{PublicKey}:{SecretKey}")));
}
