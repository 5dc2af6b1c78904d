using Microsoft.EntityFrameworkCore;
using Sightline.Storage;
using Sightline.Tracing;

namespace Sightline.Comments;

/// <summary>
/// Whether the object a comment names exists in the caller's project: traces, observations and sessions in the
/// analytics store, prompt versions (by id) in the metadata database.
/// </summary>
internal sealed class CommentTargets(ITraceQueries traces, ISessionQueries sessions, SightlineDbContext db)
{
    public async Task<bool> ExistsAsync(string projectId, string objectType, string objectId, CancellationToken ct) => objectType switch
    {
        CommentRules.Trace => await traces.GetTraceAsync(projectId, objectId, ct) is not null,
        CommentRules.Observation => await traces.GetObservationAsync(projectId, objectId, ct) is not null,
        CommentRules.Session => await sessions.SessionExistsAsync(projectId, objectId, ct),
        CommentRules.Prompt => await db.Prompts.AnyAsync(p => p.ProjectId == projectId && p.Id == objectId, ct),
        _ => throw new ArgumentOutOfRangeException(nameof(objectType), objectType, "not a comment object type"),
    };
}
