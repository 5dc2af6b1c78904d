// @langfuse/client 5.x prompt management: prompt.create / prompt.get / prompt.update / compile against the v2 prompts
// API, the same story as prompts-v3.mjs. Versions and labels, the SDK's own prompt cache (counted in requests), a
// chat prompt with variables and a placeholder, composition, the errors the SDK throws, and a generation traced
// with @langfuse/tracing that carries the prompt it used.
import { LangfuseClient } from "@langfuse/client";
import { startObservation } from "@langfuse/tracing";
import { expectFailure, run, settings } from "./lib/harness.mjs";
import { startTracing } from "./lib/otel.mjs";
import {
  BILLING_CHAT, BILLING_CHAT_MESSAGES, BILLING_CHAT_VARIABLES, CYCLE_A, CYCLE_B, GREETING, GREETING_V1, GREETING_V2,
  GREETING_VARIABLES, PERSONA, PERSONA_TEXT, SUPPORT_CHAT, SUPPORT_CHAT_HISTORY, SUPPORT_CHAT_MESSAGES,
  SUPPORT_CHAT_VARIABLES, TONE, TONE_TEXT, describeGraph, describePrompt,
} from "./lib/prompts.mjs";
import { recordRequests, withRequests } from "./lib/requests.mjs";

await run(async () => {
  const config = settings();
  const requests = recordRequests(config.baseUrl);
  const connect = () => new LangfuseClient({ ...config, timeout: 10 });
  const langfuse = connect();
  // Another process of the same project: it moves a label without the reader's cache hearing of it.
  const colleague = connect();
  const fresh = { cacheTtlSeconds: 0 };
  const result = {};

  const v1 = await langfuse.prompt.create({
    name: GREETING,
    prompt: GREETING_V1,
    labels: ["production"],
    config: { temperature: 0.3 },
    tags: ["sdk-js"],
    commitMessage: "first greeting",
  });
  const v2 = await langfuse.prompt.create({ name: GREETING, type: "text", prompt: GREETING_V2, labels: [] });
  result.created = [describePrompt(v1), describePrompt(v2)];

  const byName = await langfuse.prompt.get(GREETING, fresh);
  result.byName = { ...describePrompt(byName), compiled: byName.compile(GREETING_VARIABLES) };
  result.byVersion = describePrompt(await langfuse.prompt.get(GREETING, { ...fresh, version: 2 }));
  result.latest = describePrompt(await langfuse.prompt.get(GREETING, { ...fresh, label: "latest" }));

  // Default caching (60 s) in a client that has fetched nothing yet: the first fetch goes to the server, the second
  // is answered from memory, and so is a third after a colleague moved production, until a fetch asks for a fresh
  // copy.
  const reader = connect();
  const cachedFetch = async () => {
    const { result: prompt, requests: sent } = await withRequests(requests, () => reader.prompt.get(GREETING));
    return { version: prompt.version, requests: sent };
  };
  const cache = { first: await cachedFetch(), second: await cachedFetch() };
  const moved = await colleague.prompt.update({ name: GREETING, version: 2, newLabels: ["production"] });
  result.moved = { version: moved.version, labels: moved.labels };
  cache.afterMove = await cachedFetch();
  const refreshed = await withRequests(requests, () => reader.prompt.get(GREETING, fresh));
  cache.fresh = { version: refreshed.result.version, requests: refreshed.requests };
  result.cache = cache;
  result.afterMove = { ...describePrompt(refreshed.result), compiled: refreshed.result.compile(GREETING_VARIABLES) };

  await langfuse.prompt.create({
    name: SUPPORT_CHAT,
    type: "chat",
    prompt: SUPPORT_CHAT_MESSAGES,
    labels: ["production"],
    config: { model: "gpt-4o-mini", temperature: 0 },
  });
  const chat = await langfuse.prompt.get(SUPPORT_CHAT, { ...fresh, type: "chat" });
  result.chat = {
    ...describePrompt(chat),
    compiled: chat.compile(SUPPORT_CHAT_VARIABLES, { history: SUPPORT_CHAT_HISTORY }),
    compiledWithoutHistory: chat.compile(SUPPORT_CHAT_VARIABLES),
  };

  await langfuse.prompt.create({ name: TONE, prompt: TONE_TEXT, labels: ["production"] });
  await langfuse.prompt.create({ name: PERSONA, prompt: PERSONA_TEXT, labels: ["production"] });
  await langfuse.prompt.create({ name: BILLING_CHAT, type: "chat", prompt: BILLING_CHAT_MESSAGES, labels: ["production"] });
  const composed = await langfuse.prompt.get(BILLING_CHAT, { ...fresh, type: "chat" });
  result.composition = {
    messages: composed.prompt,
    compiled: composed.compile(BILLING_CHAT_VARIABLES),
    graph: describeGraph(composed.promptResponse.resolutionGraph),
  };

  // The generated API client throws typed errors carrying the status and the server's error body.
  const failure = async (action) => {
    const start = requests.mark();
    const { error, logged } = await expectFailure(action);
    return {
      requests: requests.since(start),
      thrown: error ? { statusCode: error.statusCode ?? null, body: error.body ?? null } : null,
      logged,
    };
  };
  await langfuse.prompt.create({ name: CYCLE_B, prompt: "B1", labels: ["production"] });
  await langfuse.prompt.create({ name: CYCLE_A, prompt: `A1 @@@langfusePrompt:name=${CYCLE_B}|label=production@@@`, labels: ["production"] });
  result.errors = {
    unknownName: await failure(() => langfuse.prompt.get("no-such-prompt", fresh)),
    badType: await failure(() => langfuse.prompt.create({ name: "bad-type", type: "image", prompt: "hi" })),
    cycle: await failure(() => langfuse.prompt.create({ name: CYCLE_B, prompt: `B2 @@@langfusePrompt:name=${CYCLE_A}|label=production@@@` })),
  };

  // A generation that used the production prompt carries it as span attributes; the server links the version's id.
  const tracing = startTracing(config, { environment: "sdk-prompts-v5" });
  const production = refreshed.result;
  const generation = startObservation("greeting", {
    model: "gpt-4o-mini",
    prompt: production,
    input: production.compile(GREETING_VARIABLES),
  }, { asType: "generation" });
  generation.update({ output: "Bonjour Ada!", usageDetails: { input: 12, output: 4 } }).end();
  result.link = { traceId: generation.traceId, generationId: generation.id, promptId: production.promptResponse.id };

  await tracing.shutdown();
  await Promise.all([langfuse, colleague, reader].map((client) => client.shutdown()));
  return result;
});
