using Sightline.Prompts;

namespace Sightline.Core.Tests.Prompts;

public sealed class PromptResolverTests
{
    private readonly List<PromptNode> _store = [];

    private PromptNode Add(string name, int version, string text, params string[] labels)
    {
        var node = new PromptNode($"{name}-v{version}", name, version, labels, PromptContent.FromText(text));
        _store.Add(node);
        return node;
    }

    private ValueTask<PromptNode?> FindAsync(PromptReference reference, CancellationToken ct) => ValueTask.FromResult(_store.FirstOrDefault(n =>
        n.Name == reference.Name && (reference.Version is { } v ? n.Version == v : n.Labels.Contains(reference.Label!))));

    private Task<ResolvedPrompt> ResolveAsync(PromptNode root) => PromptResolver.ResolveAsync(root, FindAsync, CancellationToken.None).AsTask();

    [Fact]
    public async Task Resolve_ReplacesNestedReferences_AndRecordsEachEdgeUnderItsParent()
    {
        Add("tone", 1, "Be kind.", "production");
        Add("tone", 2, "Be brief.", "staging", "latest");
        Add("persona", 1, "Billing helper. @@@langfusePrompt:name=tone|label=production@@@", "production");
        var root = Add("root", 1, "@@@langfusePrompt:name=persona|version=1@@@ / @@@langfusePrompt:name=tone|label=staging@@@");

        var resolved = await ResolveAsync(root);

        Assert.Equal("Billing helper. Be kind. / Be brief.", resolved.Content.Text);
        Assert.NotNull(resolved.Graph);
        Assert.Equal(new PromptNodeDto("root-v1", "root", 1), resolved.Graph.Root);
        Assert.Equal([new PromptNodeDto("persona-v1", "persona", 1), new PromptNodeDto("tone-v2", "tone", 2)], resolved.Graph.Dependencies["root-v1"]);
        Assert.Equal([new PromptNodeDto("tone-v1", "tone", 1)], resolved.Graph.Dependencies["persona-v1"]);
    }

    [Fact]
    public async Task Resolve_ReplacesEveryTagThatNamesTheSameVersion()
    {
        Add("tone", 4, "Be kind.", "production", "latest");
        var root = Add("root", 1, "@@@langfusePrompt:name=tone|label=production@@@ @@@langfusePrompt:name=tone|version=4@@@ @@@langfusePrompt:name=tone|label=latest@@@");

        var resolved = await ResolveAsync(root);

        Assert.Equal("Be kind. Be kind. Be kind.", resolved.Content.Text);
    }

    [Fact]
    public async Task Resolve_WithoutReferences_ReturnsTheContentAndNoGraph()
    {
        var root = Add("plain", 1, "Hello {{name}}");

        var resolved = await ResolveAsync(root);

        Assert.Equal("Hello {{name}}", resolved.Content.Text);
        Assert.Null(resolved.Graph);
    }

    [Fact]
    public async Task Resolve_ChatPrompt_ResolvesEachMessageAndKeepsPlaceholders()
    {
        Add("rules", 1, "No swearing.", "production");
        var root = new PromptNode("chat-v1", "chat", 1, [], PromptContent.FromMessages([
            PromptMessage.Chat("system", "Rules: @@@langfusePrompt:name=rules|label=production@@@"),
            PromptMessage.Placeholder("history"),
            PromptMessage.Chat("user", "{{question}}"),
        ]));

        var resolved = await ResolveAsync(root);

        Assert.Equal([PromptMessage.Chat("system", "Rules: No swearing."), PromptMessage.Placeholder("history"), PromptMessage.Chat("user", "{{question}}")], resolved.Content.Messages);
    }

    [Fact]
    public async Task Resolve_SharedDependencyInTwoBranches_IsNotACycle()
    {
        Add("shared", 1, "S", "production");
        Add("left", 1, "L(@@@langfusePrompt:name=shared|label=production@@@)", "production");
        Add("right", 1, "R(@@@langfusePrompt:name=shared|version=1@@@)", "production");
        var root = Add("root", 1, "@@@langfusePrompt:name=left|label=production@@@ @@@langfusePrompt:name=right|label=production@@@");

        Assert.Equal("L(S) R(S)", (await ResolveAsync(root)).Content.Text);
    }

    [Fact]
    public async Task Resolve_MissingReference_NamesIt()
    {
        var root = Add("root", 1, "@@@langfusePrompt:name=ghost|version=3@@@");

        var error = await Assert.ThrowsAsync<PromptResolutionException>(() => ResolveAsync(root));

        Assert.Equal("Prompt dependency not found: ghost - version 3", error.Message);
    }

    [Fact]
    public async Task Resolve_ReferenceToAChatPrompt_IsRefused()
    {
        _store.Add(new PromptNode("c-v1", "c", 1, ["production"], PromptContent.FromMessages([PromptMessage.Chat("user", "hi")])));
        var root = Add("root", 1, "@@@langfusePrompt:name=c|label=production@@@");

        var error = await Assert.ThrowsAsync<PromptResolutionException>(() => ResolveAsync(root));

        Assert.Equal("Prompt dependency is not a text prompt: c - label production", error.Message);
    }

    [Fact]
    public async Task Resolve_CycleBackToTheRoot_IsRefused()
    {
        Add("a", 1, "A @@@langfusePrompt:name=b|label=production@@@", "production");
        var b = Add("b", 1, "B @@@langfusePrompt:name=a|label=production@@@", "production");

        var error = await Assert.ThrowsAsync<PromptResolutionException>(() => ResolveAsync(b));

        Assert.Equal("Circular dependency detected involving prompt 'b' version 1", error.Message);
    }

    [Fact]
    public async Task Resolve_AnotherVersionOfTheRootsName_CountsAsACycle()
    {
        Add("a", 1, "A1", "production");
        var root = Add("a", 2, "A2 wraps @@@langfusePrompt:name=a|version=1@@@");

        var error = await Assert.ThrowsAsync<PromptResolutionException>(() => ResolveAsync(root));

        Assert.Equal("Circular dependency detected involving prompt 'a' version 1", error.Message);
    }

    [Fact]
    public async Task Resolve_StopsBelowTheMaximumNestingDepth()
    {
        Add("p5", 1, "bottom", "production");
        for (var i = 4; i >= 1; i--)
        {
            Add($"p{i}", 1, $"{i}>@@@langfusePrompt:name=p{i + 1}|label=production@@@", "production");
        }

        var fourLevels = Add("top4", 1, "@@@langfusePrompt:name=p2|label=production@@@");
        Assert.Equal("2>3>4>bottom", (await ResolveAsync(fourLevels)).Content.Text);

        var fiveLevels = Add("top5", 1, "@@@langfusePrompt:name=p1|label=production@@@");
        var error = await Assert.ThrowsAsync<PromptResolutionException>(() => ResolveAsync(fiveLevels));
        Assert.Equal("Maximum nesting depth exceeded (5)", error.Message);
    }
}
