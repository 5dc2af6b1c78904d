// @langfuse/tracing + @langfuse/otel (OTLP export): trace attributes propagated to every span, a root span with a
// nested retriever and a nested generation carrying model and token usage, an event, and (v5) scores sent through
// @langfuse/client. Span and trace ids are the SDK's own; they are read back from the observations.
//
// Usage: node tracing-otel.mjs [v5|v4]. v4 runs the same flow with @langfuse/tracing and @langfuse/otel 4.x,
// installed under the aliases langfuse-tracing-v4 / langfuse-otel-v4 (4.x sends its SDK headers spelled
// x_langfuse_sdk_name etc.).
import { LangfuseClient } from "@langfuse/client";
import { run, settings, suffix } from "./lib/harness.mjs";
import { startTracing } from "./lib/otel.mjs";

const generation = process.argv[2] ?? "v5";
const packages = {
  v5: { tracing: "@langfuse/tracing", otel: "@langfuse/otel" },
  v4: { tracing: "langfuse-tracing-v4", otel: "langfuse-otel-v4" },
}[generation];

await run(async () => {
  if (!packages) {
    throw new Error(`unknown SDK generation ${JSON.stringify(generation)}; use v5 or v4`);
  }

  const { propagateAttributes, startActiveObservation } = await import(packages.tracing);
  const { LangfuseSpanProcessor } = await import(packages.otel);
  const config = settings();
  const tracing = startTracing(config, { environment: `sdk-otel-${generation}`, release: "otel-release-7", SpanProcessor: LangfuseSpanProcessor });
  // @langfuse/client 5.x depends on @langfuse/tracing 5.x, so only the v5 run sends scores.
  const langfuse = generation === "v5" ? new LangfuseClient({ ...config, timeout: 10 }) : null;
  const ids = { sessionId: `session-otel-${suffix()}` };

  await propagateAttributes(
    {
      userId: "user-otel",
      sessionId: ids.sessionId,
      tags: ["sdk-js", "otel"],
      metadata: { tenant: "acme" },
      version: "2.1.0",
      traceName: "otel-rag-pipeline",
    },
    () => startActiveObservation("handle-question", async (root) => {
      ids.traceId = root.traceId;
      ids.rootId = root.id;
      root.update({ input: { question: "Which plan fits a team of five?" }, metadata: { route: "/ask" } });

      await startActiveObservation("search-docs", async (retriever) => {
        ids.retrieverId = retriever.id;
        retriever.update({ input: { query: "team plans" }, output: { documents: ["pricing.md", "teams.md"] } });
      }, { asType: "retriever" });

      const llm = root.startObservation("compose-answer", {
        model: "gpt-4o-mini",
        modelParameters: { temperature: 0.1, max_tokens: 300 },
        input: [{ role: "user", content: "Which plan fits a team of five?" }],
      }, { asType: "generation" });
      ids.generationId = llm.id;
      llm.update({
        output: { role: "assistant", content: "The Team plan." },
        usageDetails: { input: 2000, output: 500, total: 2500 },
      }).end();

      const event = root.startObservation("guardrail-passed", { level: "DEBUG", metadata: { checks: 3 } }, { asType: "event" });
      ids.eventId = event.id;

      root.update({ output: { answer: "The Team plan." } });
      langfuse?.score.observation({ otelSpan: llm.otelSpan }, { name: "faithfulness", value: 0.75, comment: "grounded" });
      langfuse?.score.trace({ otelSpan: root.otelSpan }, { name: "thumbs-up", value: 1, dataType: "BOOLEAN" });
    }),
  );

  await tracing.shutdown();
  await langfuse?.shutdown();
  return ids;
});
