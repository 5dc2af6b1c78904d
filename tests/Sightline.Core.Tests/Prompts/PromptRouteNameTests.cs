using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Sightline.Prompts;

namespace Sightline.Core.Tests.Prompts;

public sealed class PromptRouteNameTests
{
    private static DefaultHttpContext Request(string rawTarget)
    {
        var context = new DefaultHttpContext();
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = rawTarget;
        return context;
    }

    [Theory]
    [InlineData("/api/public/v2/prompts/folder%2Fsub%2Fname", "folder%2Fsub%2Fname", "folder/sub/name")]
    [InlineData("/api/public/v2/prompts/folder%2Fname/versions/2", "folder%2Fname", "folder/name")]
    [InlineData("/api/public/v2/prompts/literal%252Fpercent?label=latest", "literal%2Fpercent", "literal%2Fpercent")]
    [InlineData("/api/public/v2/prompts/with%20space%7Cx", "with space|x", "with space|x")]
    public void Decode_ReadsTheSegmentFromTheRawTarget(string rawTarget, string routeValue, string expected) =>
        Assert.Equal(expected, PromptRouteName.Decode(Request(rawTarget), routeValue));

    [Fact]
    public void Decode_WithoutARawTarget_TurnsEncodedSlashesBack() =>
        Assert.Equal("a/b", PromptRouteName.Decode(new DefaultHttpContext(), "a%2fb"));
}
