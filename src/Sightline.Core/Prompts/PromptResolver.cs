namespace Sightline.Prompts;

/// <summary>
/// Replaces prompt references with the referenced prompts' resolved text, depth first, as Langfuse does: only text
/// prompts can be referenced, a prompt may not reach itself or another version of the root's name, and nesting
/// stops at <see cref="PromptRules.MaxNestingDepth"/> levels.
/// </summary>
internal static class PromptResolver
{
    /// <summary>Resolves <paramref name="root"/>, reading referenced prompts through <paramref name="find"/>.</summary>
    /// <exception cref="PromptResolutionException">A reference is missing, not a text prompt, cyclic or too deep.</exception>
    public static async ValueTask<ResolvedPrompt> ResolveAsync(
        PromptNode root, Func<PromptReference, CancellationToken, ValueTask<PromptNode?>> find, CancellationToken ct)
    {
        var dependencies = new Dictionary<string, List<PromptNodeDto>>(StringComparer.Ordinal);
        var path = new HashSet<string>(StringComparer.Ordinal);

        async ValueTask<PromptContent> ResolveNodeAsync(PromptNode node, int level)
        {
            if (level >= PromptRules.MaxNestingDepth)
            {
                throw new PromptResolutionException($"Maximum nesting depth exceeded ({PromptRules.MaxNestingDepth})");
            }

            // Only the prompts on the current path count: two branches may share a dependency.
            if (path.Contains(node.Id) || (node.Name == root.Name && node.Id != root.Id))
            {
                throw new PromptResolutionException($"Circular dependency detected involving prompt '{node.Name}' version {node.Version}");
            }

            var references = PromptReferenceParser.Parse(node.Content.Texts);
            if (references.Count == 0)
            {
                return node.Content;
            }

            path.Add(node.Id);
            var content = node.Content;
            foreach (var reference in references)
            {
                var child = await find(reference, ct) ?? throw new PromptResolutionException($"Prompt dependency not found: {reference}");
                if (child.Type != PromptRules.TextType)
                {
                    throw new PromptResolutionException($"Prompt dependency is not a text prompt: {reference}");
                }

                if (!dependencies.TryGetValue(node.Id, out var children))
                {
                    dependencies[node.Id] = children = [];
                }

                children.Add(new PromptNodeDto(child.Id, child.Name, child.Version));
                var text = (await ResolveNodeAsync(child, level + 1)).Text!;
                var tags = child.Labels.Select(l => PromptReferenceParser.LabelTag(child.Name, l))
                    .Prepend(PromptReferenceParser.VersionTag(child.Name, child.Version))
                    .ToList();
                content = content.Map(t => ReplaceAll(t, tags, text));
            }

            path.Remove(node.Id);
            return content;
        }

        var resolved = await ResolveNodeAsync(root, 0);
        var graph = dependencies.Count == 0
            ? null
            : new PromptGraphDto(new PromptNodeDto(root.Id, root.Name, root.Version), dependencies);
        return new ResolvedPrompt(resolved, graph);
    }

    private static string ReplaceAll(string text, IReadOnlyList<string> tags, string replacement)
    {
        foreach (var tag in tags)
        {
            text = text.Replace(tag, replacement, StringComparison.Ordinal);
        }

        return text;
    }
}
