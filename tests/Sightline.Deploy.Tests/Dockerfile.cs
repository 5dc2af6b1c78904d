namespace Sightline.Deploy.Tests;

/// <summary>The repository's Dockerfile as instructions (continuation lines joined, comments dropped), split by stage.</summary>
internal sealed record Dockerfile(IReadOnlyList<IReadOnlyList<Dockerfile.Instruction>> Stages)
{
    public static Dockerfile Load()
    {
        var stages = new List<List<Instruction>>();
        var pending = string.Empty;
        foreach (var raw in Repository.Read(Repository.Dockerfile).Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (pending.Length == 0 && (line.TrimStart().StartsWith('#') || line.Trim().Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var text = (pending + line).Trim();
            pending = string.Empty;
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            var instruction = new Instruction(text[..space].ToUpperInvariant(), text[(space + 1)..].Trim());
            if (instruction.Keyword == "FROM")
            {
                stages.Add([]);
            }

            stages[^1].Add(instruction);
        }

        return new Dockerfile(stages);
    }

    public IReadOnlyList<Instruction> Runtime => Stages[^1];

    internal sealed record Instruction(string Keyword, string Arguments);
}
