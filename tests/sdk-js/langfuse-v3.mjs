// langfuse v3 (batch ingestion API): a trace with a span, a generation nested in the span with token usage,
// an event, and scores on the trace and on the generation. Every id is chosen here.
import { randomUUID } from "node:crypto";
import { Langfuse } from "langfuse";
import { problem, run, settings, suffix } from "./lib/harness.mjs";

await run(async () => {
  const { baseUrl, publicKey, secretKey } = settings();
  const langfuse = new Langfuse({
    baseUrl,
    publicKey,
    secretKey,
    environment: "sdk-v3",
    release: "v3-release-1",
    flushAt: 100,
    // A rejected batch should fail this run at once rather than after three silent resends.
    fetchRetryCount: 0,
    requestTimeout: 10000,
  });
  langfuse.on("error", (error) => problem("langfuse error event", error));
  langfuse.on("warning", (warning) => problem("langfuse warning event", warning));
  langfuse.on("retry", (detail) => problem("langfuse retry event", detail));

  const ids = {
    traceId: randomUUID(),
    spanId: randomUUID(),
    generationId: randomUUID(),
    eventId: randomUUID(),
    traceScoreId: randomUUID(),
    generationScoreId: randomUUID(),
    sessionId: `session-v3-${suffix()}`,
  };

  const trace = langfuse.trace({
    id: ids.traceId,
    name: "v3-support-answer",
    userId: "user-v3",
    sessionId: ids.sessionId,
    tags: ["sdk-js", "v3"],
    metadata: { tier: "gold", attempt: 2 },
    version: "1.4.0",
    input: { question: "Where is my parcel?" },
  });

  const span = trace.span({
    id: ids.spanId,
    name: "retrieve-context",
    input: { query: "parcel status" },
    metadata: { index: "orders" },
  });

  const generation = span.generation({
    id: ids.generationId,
    name: "draft-answer",
    model: "gpt-4o-mini",
    modelParameters: { temperature: 0.2, maxTokens: 256 },
    input: [{ role: "user", content: "Where is my parcel?" }],
  });
  generation.end({
    output: { role: "assistant", content: "It arrives tomorrow." },
    usage: { input: 1200, output: 300, total: 1500, unit: "TOKENS" },
  });

  span.event({
    id: ids.eventId,
    name: "cache-miss",
    level: "WARNING",
    statusMessage: "no cached answer",
    metadata: { key: "parcel-42" },
  });
  span.end({ output: { documents: 3 } });

  trace.update({ output: { answer: "It arrives tomorrow." } });
  trace.score({ id: ids.traceScoreId, name: "helpfulness", value: 0.85, comment: "clear answer" });
  generation.score({ id: ids.generationScoreId, name: "tone", value: "friendly", dataType: "CATEGORICAL" });

  await langfuse.shutdownAsync();
  return ids;
});
