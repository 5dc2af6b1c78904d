using System.Text.Json;

namespace Sightline.Scores;

/// <summary>
/// The v3 score list. Items are written one by one (<see cref="ScoreV3Json"/>): <c>value</c> changes type with
/// <c>dataType</c> and the optional groups appear only when asked for.
/// </summary>
internal sealed record ScoresV3Response(IReadOnlyList<JsonElement> Data, ScoresV3Meta Meta);
