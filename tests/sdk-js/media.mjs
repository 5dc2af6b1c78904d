// Attachments: base64 data URIs in a trace's and its observations' input/output are uploaded by the SDK through
// /api/public/media (announce, PUT to the upload URL, PATCH) and replaced by @@@langfuseMedia:…@@@ references.
// The same image appears twice, so the second announcement must find it already uploaded.
//
// Usage: node media.mjs [v3|v5]. v3 is the langfuse package (batch ingestion); v5 is @langfuse/tracing with the
// LangfuseSpanProcessor (OTLP), whose media service uploads while exporting.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { problem, run, settings } from "./lib/harness.mjs";
import { startTracing } from "./lib/otel.mjs";

const generation = process.argv[2] ?? "v3";

function content(length) {
  const bytes = randomBytes(length);
  return {
    uri: (type) => `data:${type};base64,${bytes.toString("base64")}`,
    sha256: createHash("sha256").update(bytes).digest("base64"),
  };
}

await run(async () => {
  const config = settings();
  const image = content(20000);
  const pdf = content(3000);
  const ids = { image: image.sha256, pdf: pdf.sha256 };

  if (generation === "v3") {
    const { Langfuse } = await import("langfuse");
    // The v3 SDK loads node's crypto module asynchronously at import; hashing media before that resolves fails.
    await Promise.all([import("fs"), import("crypto")]);
    const langfuse = new Langfuse({ ...config, flushAt: 100, fetchRetryCount: 0, requestTimeout: 10000 });
    langfuse.on("error", (error) => problem("langfuse error event", error));
    langfuse.on("warning", (warning) => problem("langfuse warning event", warning));

    ids.traceId = randomUUID();
    ids.generationId = randomUUID();
    const trace = langfuse.trace({ id: ids.traceId, name: "media-v3", input: { photo: image.uri("image/png") } });
    trace.generation({
      id: ids.generationId,
      name: "describe-photo",
      input: [{ role: "user", content: [{ type: "image_url", image_url: { url: image.uri("image/png") } }] }],
      output: { report: pdf.uri("application/pdf") },
    });
    await langfuse.shutdownAsync();
  } else if (generation === "v5") {
    const { startActiveObservation } = await import("@langfuse/tracing");
    const tracing = startTracing(config, { environment: "sdk-media-v5" });
    await startActiveObservation("media-v5", async (root) => {
      ids.traceId = root.traceId;
      ids.rootId = root.id;
      root.update({ input: { photo: image.uri("image/png") } });
      const llm = root.startObservation("describe-photo", {
        input: [{ role: "user", content: [{ type: "image_url", image_url: { url: image.uri("image/png") } }] }],
      }, { asType: "generation" });
      ids.generationId = llm.id;
      llm.update({ output: { report: pdf.uri("application/pdf") } }).end();
    });
    await tracing.shutdown();
  } else {
    throw new Error(`unknown SDK generation ${JSON.stringify(generation)}; use v3 or v5`);
  }

  return ids;
});
