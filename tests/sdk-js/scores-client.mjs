// @langfuse/client 5.x scores and score configs: scoreConfigs.create / get / getById / update, scores.create
// (POST /api/public/scores), langfuse.score.create (batched score-create events), scores.getMany / getById
// (v2 reads), legacy.scoreV1.delete, and the errors the generated client throws for refused requests.
import { randomUUID } from "node:crypto";
import { LangfuseClient } from "@langfuse/client";
import { expectFailure, run, settings, suffix } from "./lib/harness.mjs";
import { describeConfig, describeScore, until } from "./lib/scores.mjs";

await run(async () => {
  const config = settings();
  const langfuse = new LangfuseClient({ ...config, timeout: 10 });
  const api = langfuse.api;
  const traceId = randomUUID().replaceAll("-", "");
  const sessionId = `session-${suffix()}`;
  const result = { traceId, sessionId };

  const stars = await api.scoreConfigs.create({ name: "stars", dataType: "NUMERIC", minValue: 1, maxValue: 5, description: "One to five" });
  const tone = await api.scoreConfigs.create({ name: "tone", dataType: "CATEGORICAL", categories: [{ label: "kind", value: 1 }, { label: "rude", value: 0 }] });
  const flag = await api.scoreConfigs.create({ name: "resolved", dataType: "BOOLEAN" });
  result.configs = [stars, tone, flag].map(describeConfig);
  const listed = await api.scoreConfigs.get({ page: 1, limit: 2 });
  result.configPage = { names: listed.data.map((c) => c.name), meta: listed.meta };
  result.configById = describeConfig(await api.scoreConfigs.getById(tone.id));
  result.archived = describeConfig(await api.scoreConfigs.update(flag.id, { isArchived: true, description: "retired" }));

  const rated = await api.scores.create({ traceId, name: "stars", value: 4, configId: stars.id, comment: "helpful", metadata: { reviewer: "sdk" } });
  const session = await api.scores.create({ sessionId, name: "tone", value: "kind", configId: tone.id });
  const batchedId = randomUUID();
  langfuse.score.create({ id: batchedId, traceId, name: "latency-ok", value: 1, dataType: "BOOLEAN" });
  await langfuse.score.flush();
  result.created = { rated: rated.id, session: session.id, batched: batchedId };

  const failure = async (action) => {
    const { error } = await expectFailure(action);
    return error ? { statusCode: error.statusCode ?? null, body: error.body ?? null } : null;
  };
  result.errors = {
    outOfRange: await failure(() => api.scores.create({ traceId, name: "stars", value: 9, configId: stars.id })),
    archived: await failure(() => api.scores.create({ traceId, name: "resolved", value: 1, configId: flag.id })),
    badConfig: await failure(() => api.scoreConfigs.create({ name: "broken", dataType: "CATEGORICAL" })),
    unknownConfig: await failure(() => api.scoreConfigs.getById("no-such-config")),
  };

  const ofTrace = await until(() => api.scores.getMany({ traceId }), (page) => page.data.length === 2 && page.meta.totalItems === 2, "the trace's scores");
  result.traceScores = ofTrace.data.map(describeScore);
  result.traceMeta = ofTrace.meta;
  result.bySession = (await until(() => api.scores.getMany({ sessionId, fields: "score" }), (page) => page.data.length === 1 && page.meta.totalItems === 1, "the session score")).data.map(describeScore);
  result.byId = describeScore(await api.scores.getById(rated.id));

  await api.legacy.scoreV1.delete(rated.id);
  result.afterDelete = (await api.scores.getMany({ traceId })).data.map((s) => s.id);
  result.deletedRead = await failure(() => api.scores.getById(rated.id));

  await langfuse.shutdown();
  return result;
});
