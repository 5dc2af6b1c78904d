// Records the HTTP requests the SDKs send to the server. Both langfuse v3 and @langfuse/client look up the global
// fetch at the time of each request, so wrapping it sees every call, including the ones a cache should have saved.

/**
 * Starts recording the requests sent to baseUrl. Returns { mark, since }: mark() notes the current position, and
 * since(position) lists the requests sent after it as "METHOD /path?query STATUS" (the path as sent, still
 * percent-encoded).
 */
export function recordRequests(baseUrl) {
  const origin = new URL(baseUrl).origin;
  const requests = [];
  const send = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const request = input instanceof Request ? input : null;
    const url = new URL(request ? request.url : String(input));
    if (url.origin !== origin) {
      return send(input, init);
    }

    const entry = { method: (init?.method ?? request?.method ?? "GET").toUpperCase(), target: url.pathname + url.search, status: "no answer" };
    requests.push(entry);
    const response = await send(input, init);
    entry.status = response.status;
    return response;
  };

  return {
    mark: () => requests.length,
    since: (position) => requests.slice(position).map((r) => `${r.method} ${r.target} ${r.status}`),
  };
}

/**
 * Runs an action and resolves to its result together with the requests it sent, as listed by recordRequests.
 */
export async function withRequests(recorder, action) {
  const start = recorder.mark();
  const result = await action();
  return { result, requests: recorder.since(start) };
}
