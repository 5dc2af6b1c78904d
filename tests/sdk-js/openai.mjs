// @langfuse/openai: the official openai client, wrapped by observeOpenAI and pointed at a local fake
// OpenAI-compatible server, called inside an active Langfuse span. The generation must nest under that span and
// carry the response's model and usage (with cached tokens split out).
import OpenAI from "openai";
import { observeOpenAI } from "@langfuse/openai";
import { startActiveObservation } from "@langfuse/tracing";
import { run, settings, suffix } from "./lib/harness.mjs";
import { startFakeOpenAI } from "./lib/fake-openai.mjs";
import { startTracing } from "./lib/otel.mjs";

await run(async () => {
  const config = settings();
  const tracing = startTracing(config, { environment: "sdk-openai" });
  const fake = await startFakeOpenAI();
  const ids = { sessionId: `session-openai-${suffix()}` };
  try {
    const openai = observeOpenAI(new OpenAI({ apiKey: "sk-fake-local", baseURL: fake.baseURL, maxRetries: 0 }), {
      generationName: "capital-lookup",
      generationMetadata: { feature: "geo" },
      traceName: "openai-geo-question",
      userId: "user-openai",
      sessionId: ids.sessionId,
      tags: ["sdk-js", "openai"],
    });

    await startActiveObservation("answer-geo-question", async (root) => {
      ids.traceId = root.traceId;
      ids.rootId = root.id;
      const completion = await openai.chat.completions.create({
        model: "gpt-4o-mini",
        temperature: 0,
        max_tokens: 50,
        messages: [
          { role: "system", content: "Answer in one sentence." },
          { role: "user", content: "What is the capital of France?" },
        ],
      });
      ids.answer = completion.choices[0].message.content;
      root.update({ output: { answer: ids.answer } });
    });
  } finally {
    await fake.close();
    await tracing.shutdown();
  }

  if (fake.requests.length !== 1) {
    throw new Error(`the fake OpenAI server saw ${fake.requests.length} requests, expected 1`);
  }

  return ids;
});
