using System.Text.Json;
using Sightline.Prompts;

namespace Sightline.Core.Tests.Prompts;

public sealed class PromptRequestParserTests
{
    private static string? Parse(string json, out NewPrompt? prompt)
    {
        using var doc = JsonDocument.Parse(json);
        return PromptRequestParser.Parse(doc.RootElement, out prompt);
    }

    [Fact]
    public void TextPrompt_DefaultsTypeLabelsAndConfig()
    {
        Assert.Null(Parse("""{"name":"  greeting  ","prompt":"Hi {{name}}"}""", out var prompt));

        Assert.Equal("greeting", prompt!.Name);
        Assert.Equal("text", prompt.Content.Type);
        Assert.Equal("Hi {{name}}", prompt.Content.Text);
        Assert.Equal("{}", prompt.Config);
        Assert.Empty(prompt.Labels);
        Assert.Null(prompt.Tags);
        Assert.Null(prompt.CommitMessage);
    }

    [Fact]
    public void ChatPrompt_KeepsRoleContentAndPlaceholders_AndDropsOtherKeys()
    {
        Assert.Null(Parse("""
            {"name":"chat","type":"chat","prompt":[
              {"role":"system","content":"Be {{tone}}","type":"chatmessage","extra":1},
              {"type":"placeholder","name":"history"},
              {"role":"user","content":"x","type":"placeholder","name":"ignored"}
            ],"config":{"model":"gpt-4o"},"labels":["production"],"tags":["a","b"],"commitMessage":"first"}
            """, out var prompt));

        Assert.Equal([PromptMessage.Chat("system", "Be {{tone}}"), PromptMessage.Placeholder("history"), PromptMessage.Chat("user", "x")], prompt!.Content.Messages);
        Assert.Equal("""[{"role":"system","content":"Be {{tone}}"},{"type":"placeholder","name":"history"},{"role":"user","content":"x"}]""", prompt.Content.ToStoredJson());
        Assert.Equal("""{"model":"gpt-4o"}""", prompt.Config);
        Assert.Equal(["production"], prompt.Labels);
        Assert.Equal(["a", "b"], prompt.Tags!);
        Assert.Equal("first", prompt.CommitMessage);
    }

    [Theory]
    [InlineData("""[]""", "body:")]
    [InlineData("""{"prompt":"x"}""", "name:")]
    [InlineData("""{"name":"","prompt":"x"}""", "name:")]
    [InlineData("""{"name":"   ","prompt":"x"}""", "name:")]
    [InlineData("""{"name":"a|b","prompt":"x"}""", "name:")]
    [InlineData("""{"name":"/a","prompt":"x"}""", "name:")]
    [InlineData("""{"name":"a//b","prompt":"x"}""", "name:")]
    [InlineData("""{"name":"a/","prompt":"x"}""", "name:")]
    [InlineData("""{"name":"new","prompt":"x"}""", "name:")]
    [InlineData("""{"name":"<b>bold</b>","prompt":"x"}""", "name:")]
    [InlineData("""{"name":"n","prompt":"x","type":"image"}""", "type:")]
    [InlineData("""{"name":"n"}""", "prompt:")]
    [InlineData("""{"name":"n","prompt":["x"]}""", "prompt:")]
    [InlineData("""{"name":"n","type":"chat","prompt":"x"}""", "prompt:")]
    [InlineData("""{"name":"n","type":"chat","prompt":[1]}""", "prompt[0]:")]
    [InlineData("""{"name":"n","type":"chat","prompt":[{"role":"user"}]}""", "prompt[0]:")]
    [InlineData("""{"name":"n","type":"chat","prompt":[{"type":"placeholder"}]}""", "prompt[0].name:")]
    [InlineData("""{"name":"n","type":"chat","prompt":[{"type":"placeholder","name":"has space"}]}""", "prompt[0].name:")]
    [InlineData("""{"name":"n","type":"chat","prompt":[{"role":"user","content":"{{h}}"},{"type":"placeholder","name":"h"}]}""", "prompt:")]
    [InlineData("""{"name":"n","prompt":"x","labels":"production"}""", "labels:")]
    [InlineData("""{"name":"n","prompt":"x","labels":["Prod"]}""", "labels:")]
    [InlineData("""{"name":"n","prompt":"x","labels":[""]}""", "labels:")]
    [InlineData("""{"name":"n","prompt":"x","labels":["a-label-that-is-far-too-long-to-be-kept"]}""", "labels:")]
    [InlineData("""{"name":"n","prompt":"x","tags":[1]}""", "tags:")]
    [InlineData("""{"name":"n","prompt":"x","commitMessage":5}""", "commitMessage:")]
    public void InvalidBodies_AreRefusedNamingTheField(string json, string field)
    {
        var problem = Parse(json, out var prompt);

        Assert.NotNull(problem);
        Assert.StartsWith(field, problem, StringComparison.Ordinal);
        Assert.Null(prompt);
    }

    [Fact]
    public void CommitMessage_IsLimitedTo500Characters()
    {
        Assert.Null(Parse($$"""{"name":"n","prompt":"x","commitMessage":"{{new string('m', 500)}}"}""", out _));
        Assert.StartsWith("commitMessage:", Parse($$"""{"name":"n","prompt":"x","commitMessage":"{{new string('m', 501)}}"}""", out _), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hello {{name}} and {{ spaced }} and {{1st}} and {{ünïcode_2}}", new[] { "name", "ünïcode_2" })]
    [InlineData("{{{triple}}} {{a}}{{b}}", new[] { "triple", "a", "b" })]
    public void Variables_AreTheMustacheNamesTheSdkSubstitutes(string text, string[] expected) =>
        Assert.Equal(expected, PromptRules.Variables(text));
}
