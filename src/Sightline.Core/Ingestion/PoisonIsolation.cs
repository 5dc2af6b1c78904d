using Microsoft.Extensions.Logging;

namespace Sightline.Ingestion;

/// <summary>
/// Finds the events that make a batch fail. A batch that keeps failing is split in halves, recursively, down to
/// single events; halves that succeed are written, and an event that fails alone (twice) while others succeed is a
/// poison event: the caller sets it aside instead of stalling every project's ingestion behind it. When nothing
/// succeeds the failure is systemic (disk full, engine down): splitting stops after the second lone failure and
/// the caller keeps retrying the whole batch, because setting events aside then would only hide an outage.
/// Writes are idempotent merges, so writing a half again after a partial success changes nothing.
/// A failure to reach the store at all (connection refused or cut, a timeout) says nothing about the events: it ends
/// the search as systemic at once, so an engine coming back half way through cannot leave its earlier victims
/// condemned as poison next to neighbours written after it returned.
/// </summary>
internal sealed class PoisonIsolation(Func<IReadOnlyList<IngestionRecord>, CancellationToken, Task> process, ILogger logger)
{
    /// <returns>The poison events with what made them fail, or null when the failure looks systemic.</returns>
    public async Task<IReadOnlyList<(IngestionRecord Event, Exception Error)>?> IsolateAsync(IReadOnlyList<IngestionRecord> records, CancellationToken ct)
    {
        var units = records.SelectMany(r => r.Events.Select(e => r with { Events = [e] })).ToList();
        var state = new State();
        try
        {
            await SplitAsync(units, state, ct);
        }
        catch (SystemicFailureException)
        {
            return null;
        }

        if (state.Written == 0 && state.Poison.Count > 0)
        {
            return null;
        }

        logger.IsolationFinished(state.Written, state.Poison.Count);
        return state.Poison;
    }

    private async Task SplitAsync(List<IngestionRecord> units, State state, CancellationToken ct)
    {
        if (units.Count == 0)
        {
            return;
        }

        var error = await TryAsync(units, ct);
        if (error is null)
        {
            state.Written += units.Count;
            return;
        }

        if (IsUnreachable(error))
        {
            throw new SystemicFailureException();
        }

        if (units.Count > 1)
        {
            var half = units.Count / 2;
            await SplitAsync(units[..half], state, ct);
            await SplitAsync(units[half..], state, ct);
            return;
        }

        // A lone event gets a second chance, so one transient error does not condemn it.
        if (await TryAsync(units, ct) is { } again)
        {
            if (IsUnreachable(again))
            {
                throw new SystemicFailureException();
            }

            state.Poison.Add((units[0], again));
            if (state.Written == 0 && state.Poison.Count >= 2)
            {
                throw new SystemicFailureException();
            }

            return;
        }

        state.Written++;
    }

    private async Task<Exception?> TryAsync(List<IngestionRecord> units, CancellationToken ct)
    {
        try
        {
            await process(units, ct);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return ex;
        }
    }

    /// <summary>Whether the store could not be reached, as opposed to refusing what it was given.</summary>
    internal static bool IsUnreachable(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // No status code: the request never got an answer (refused, reset, DNS, TLS).
                case HttpRequestException { StatusCode: null }:
                case System.Net.Sockets.SocketException:
                case TimeoutException:
                case IOException:
                    return true;
            }
        }

        return false;
    }

    private sealed class State
    {
        public int Written { get; set; }

        public List<(IngestionRecord Event, Exception Error)> Poison { get; } = [];
    }

    private sealed class SystemicFailureException : Exception;
}
