using Sightline.Prompts;

namespace Sightline.Core.Tests.Prompts;

public sealed class PromptReferenceParserTests
{
    [Fact]
    public void Parse_FindsVersionAndLabelReferences_InOrderAndOnce()
    {
        var references = PromptReferenceParser.Parse([
            "Intro @@@langfusePrompt:name=base|version=2@@@ then @@@langfusePrompt:name=folder/tone|label=production@@@",
            "again @@@langfusePrompt:name=base|version=2@@@",
        ]);

        Assert.Equal([new PromptReference("base", 2, null), new PromptReference("folder/tone", null, "production")], references);
    }

    [Theory]
    [InlineData("@@@langfusePrompt:version=1|name=base@@@")]
    [InlineData("@@@langfusePrompt:name=base|version=1|label=x@@@")]
    [InlineData("@@@langfusePrompt:name=base@@@")]
    [InlineData("@@@langfusePrompt:name=|label=production@@@")]
    [InlineData("@@@langfusePrompt:name=base|version=one@@@")]
    [InlineData("@@@langfusePrompt:name=base|flavour=mint@@@")]
    [InlineData("@@langfusePrompt:name=base|version=1@@@")]
    public void Parse_IgnoresTagsThatAreNotReferences(string text) => Assert.Empty(PromptReferenceParser.Parse([text]));

    [Fact]
    public void Parse_TakesTheValueUpToTheNextEqualsSign_LikeLangfuse()
    {
        var reference = Assert.Single(PromptReferenceParser.Parse(["@@@langfusePrompt:name=a=b|label=x=y@@@"]));

        Assert.Equal(new PromptReference("a", null, "x"), reference);
    }

    [Fact]
    public void Tags_AreWrittenTheWayTheyAreParsed()
    {
        Assert.Equal("@@@langfusePrompt:name=n|version=3@@@", PromptReferenceParser.VersionTag("n", 3));
        Assert.Equal("@@@langfusePrompt:name=n|label=prod@@@", PromptReferenceParser.LabelTag("n", "prod"));
    }
}
