// langfuse v3 prompt management: createPrompt / getPrompt / updatePrompt / compile against the v2 prompts API.
// Versions and labels (production follows a label move, latest follows the newest version), the SDK's own prompt
// cache (counted in requests), a chat prompt with variables and a placeholder, composition, the errors the SDK
// surfaces, and a generation linked to the prompt version it used.
import { randomUUID } from "node:crypto";
import { Langfuse } from "langfuse";
import { expectFailure, problem, run, settings } from "./lib/harness.mjs";
import {
  BILLING_CHAT, BILLING_CHAT_MESSAGES, BILLING_CHAT_VARIABLES, CYCLE_A, CYCLE_B, GREETING, GREETING_V1, GREETING_V2,
  GREETING_VARIABLES, PERSONA, PERSONA_TEXT, SUPPORT_CHAT, SUPPORT_CHAT_HISTORY, SUPPORT_CHAT_MESSAGES,
  SUPPORT_CHAT_VARIABLES, TONE, TONE_TEXT, describeGraph, describePrompt,
} from "./lib/prompts.mjs";
import { recordRequests, withRequests } from "./lib/requests.mjs";

await run(async () => {
  const config = settings();
  const requests = recordRequests(config.baseUrl);
  const connect = () => {
    const client = new Langfuse({ ...config, flushAt: 100, fetchRetryCount: 0, requestTimeout: 10000 });
    client.on("error", (error) => problem("langfuse error event", error));
    client.on("warning", (warning) => problem("langfuse warning event", warning));
    client.on("retry", (detail) => problem("langfuse retry event", detail));
    return client;
  };
  const langfuse = connect();
  // Another process of the same project: it moves a label without langfuse's cache hearing of it.
  const colleague = connect();
  const fresh = { cacheTtlSeconds: 0 };
  const result = {};

  const v1 = await langfuse.createPrompt({
    name: GREETING,
    prompt: GREETING_V1,
    labels: ["production"],
    config: { temperature: 0.3 },
    tags: ["sdk-js"],
    commitMessage: "first greeting",
  });
  const v2 = await langfuse.createPrompt({ name: GREETING, type: "text", prompt: GREETING_V2, labels: [] });
  result.created = [describePrompt(v1), describePrompt(v2)];

  const byName = await langfuse.getPrompt(GREETING, undefined, fresh);
  result.byName = { ...describePrompt(byName), compiled: byName.compile(GREETING_VARIABLES) };
  result.byVersion = describePrompt(await langfuse.getPrompt(GREETING, 2, fresh));
  result.latest = describePrompt(await langfuse.getPrompt(GREETING, undefined, { ...fresh, label: "latest" }));

  // Default caching (60 s) in a client that has fetched nothing yet: the first fetch goes to the server, the second
  // is answered from memory, and so is a third after a colleague moved production, until a fetch asks for a fresh
  // copy.
  const reader = connect();
  const cachedFetch = async () => {
    const { result: prompt, requests: sent } = await withRequests(requests, () => reader.getPrompt(GREETING));
    return { version: prompt.version, requests: sent };
  };
  const cache = { first: await cachedFetch(), second: await cachedFetch() };
  const moved = await colleague.updatePrompt({ name: GREETING, version: 2, newLabels: ["production"] });
  result.moved = { version: moved.version, labels: moved.labels };
  cache.afterMove = await cachedFetch();
  const refreshed = await withRequests(requests, () => reader.getPrompt(GREETING, undefined, fresh));
  cache.fresh = { version: refreshed.result.version, requests: refreshed.requests };
  result.cache = cache;
  result.afterMove = { ...describePrompt(refreshed.result), compiled: refreshed.result.compile(GREETING_VARIABLES) };

  await langfuse.createPrompt({
    name: SUPPORT_CHAT,
    type: "chat",
    prompt: SUPPORT_CHAT_MESSAGES,
    labels: ["production"],
    config: { model: "gpt-4o-mini", temperature: 0 },
  });
  const chat = await langfuse.getPrompt(SUPPORT_CHAT, undefined, { ...fresh, type: "chat" });
  result.chat = {
    ...describePrompt(chat),
    compiled: chat.compile(SUPPORT_CHAT_VARIABLES, { history: SUPPORT_CHAT_HISTORY }),
    compiledWithoutHistory: chat.compile(SUPPORT_CHAT_VARIABLES),
  };

  await langfuse.createPrompt({ name: TONE, prompt: TONE_TEXT, labels: ["production"] });
  await langfuse.createPrompt({ name: PERSONA, prompt: PERSONA_TEXT, labels: ["production"] });
  await langfuse.createPrompt({ name: BILLING_CHAT, type: "chat", prompt: BILLING_CHAT_MESSAGES, labels: ["production"] });
  const composed = await langfuse.getPrompt(BILLING_CHAT, undefined, { ...fresh, type: "chat" });
  result.composition = {
    messages: composed.prompt,
    compiled: composed.compile(BILLING_CHAT_VARIABLES),
    graph: describeGraph(composed.promptResponse.resolutionGraph),
  };

  const failure = async (action) => {
    const start = requests.mark();
    const { error, logged } = await expectFailure(action);
    return { requests: requests.since(start), thrown: error?.message ?? null, logged };
  };
  await langfuse.createPrompt({ name: CYCLE_B, prompt: "B1", labels: ["production"] });
  await langfuse.createPrompt({ name: CYCLE_A, prompt: `A1 @@@langfusePrompt:name=${CYCLE_B}|label=production@@@`, labels: ["production"] });
  result.errors = {
    unknownName: await failure(() => langfuse.getPrompt("no-such-prompt", undefined, fresh)),
    badType: await failure(() => langfuse.createPrompt({ name: "bad-type", type: "image", prompt: "hi" })),
    cycle: await failure(() => langfuse.createPrompt({ name: CYCLE_B, prompt: `B2 @@@langfusePrompt:name=${CYCLE_A}|label=production@@@` })),
  };

  // A generation that used the production prompt names it; the server links the version's id.
  const production = refreshed.result;
  const link = { traceId: randomUUID(), generationId: randomUUID(), promptId: production.promptResponse.id };
  const trace = langfuse.trace({ id: link.traceId, name: "greet-visitor" });
  trace.generation({
    id: link.generationId,
    name: "greeting",
    model: "gpt-4o-mini",
    prompt: production,
    input: production.compile(GREETING_VARIABLES),
  }).end({ output: "Bonjour Ada!", usage: { input: 12, output: 4 } });
  result.link = link;

  await Promise.all([langfuse, colleague, reader].map((client) => client.shutdownAsync()));
  return result;
});
