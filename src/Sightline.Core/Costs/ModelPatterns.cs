using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Sightline.Costs;

/// <summary>
/// Compiles match patterns and tier usage patterns once and runs them under a match timeout. Patterns come from
/// API callers, so a hostile one must not stall the worker: a timeout counts as no match, and answers are
/// remembered per (pattern, input), so a slow pattern costs one timeout per distinct model name or usage key rather
/// than one per observation. (The linear-time engine would avoid timeouts altogether, but building it costs
/// tens of milliseconds per pattern, over a second for the built-in table.)
/// </summary>
internal sealed class ModelPatterns(TimeSpan matchTimeout, ILogger<ModelPatterns> logger)
{
    public static readonly TimeSpan DefaultMatchTimeout = TimeSpan.FromMilliseconds(100);

    // Both bounded so that patterns of deleted models and arbitrary model names cannot pile up forever.
    private const int MaxCached = 10_000;
    private const int MaxRememberedInput = 256;
    private readonly ConcurrentDictionary<(string Pattern, bool IgnoreCase), Regex?> _regexes = new();
    private readonly ConcurrentDictionary<(string Pattern, bool IgnoreCase, string Input), bool> _answers = new();

    /// <summary>Whether <paramref name="input"/> matches; an invalid pattern or a timeout counts as no match.</summary>
    public bool IsMatch(string pattern, string input, bool ignoreCase = false)
    {
        var key = (pattern, ignoreCase, input);
        if (_answers.TryGetValue(key, out var known))
        {
            return known;
        }

        var answer = Run(pattern, input, ignoreCase);
        if (input.Length <= MaxRememberedInput)
        {
            if (_answers.Count >= MaxCached)
            {
                _answers.Clear();
            }

            _answers[key] = answer;
        }

        return answer;
    }

    /// <summary>Null when the pattern compiles, else why it does not.</summary>
    public string? Validate(string pattern)
    {
        try
        {
            _ = Create(pattern, ignoreCase: false);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    private bool Run(string pattern, string input, bool ignoreCase)
    {
        if (Get(pattern, ignoreCase) is not { } regex)
        {
            return false;
        }

        try
        {
            return regex.IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            logger.PatternTimedOut(pattern, input.Length);
            return false;
        }
    }

    private Regex? Get(string pattern, bool ignoreCase)
    {
        var key = (pattern, ignoreCase);
        if (_regexes.TryGetValue(key, out var cached))
        {
            return cached;
        }

        if (_regexes.Count >= MaxCached)
        {
            _regexes.Clear();
        }

        Regex? regex;
        try
        {
            regex = Create(pattern, ignoreCase);
        }
        catch (ArgumentException)
        {
            logger.InvalidPattern(pattern);
            regex = null;
        }

        return _regexes.GetOrAdd(key, regex);
    }

    private Regex Create(string pattern, bool ignoreCase) =>
        new(pattern, RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None), matchTimeout);
}
