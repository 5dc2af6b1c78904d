// langfuse v3 scores and score configs through its generated API client (scoreConfigsCreate / Get / GetById,
// scoreCreate, scoreV2Get / GetById, scoreDelete), langfuse.score (batched score-create events) and LangfuseWeb,
// which sends scores with the public key alone.
import { randomUUID } from "node:crypto";
import { Langfuse, LangfuseWeb } from "langfuse";
import { problem, run, settings, suffix } from "./lib/harness.mjs";
import { describeConfig, describeScore, until } from "./lib/scores.mjs";

await run(async () => {
  const { baseUrl, publicKey, secretKey } = settings();
  const langfuse = new Langfuse({ baseUrl, publicKey, secretKey, flushAt: 100, fetchRetryCount: 0, requestTimeout: 10000 });
  langfuse.on("error", (error) => problem("langfuse error event", error));
  const web = new LangfuseWeb({ baseUrl, publicKey, fetchRetryCount: 0 });
  web.on("error", (error) => problem("langfuse web error event", error));
  const api = langfuse.api;
  const traceId = randomUUID();
  const result = { traceId };

  const helpful = await api.scoreConfigsCreate({ name: `helpful-${suffix()}`, dataType: "NUMERIC", minValue: 0, maxValue: 1 });
  result.config = describeConfig(helpful);
  result.configList = (await api.scoreConfigsGet({ page: 1, limit: 10 })).data.map((c) => c.id);
  result.configById = describeConfig(await api.scoreConfigsGetById(helpful.id));

  const created = await api.scoreCreate({ traceId, name: "ignored: the config names it", value: 0.75, configId: helpful.id });
  const thumbsId = randomUUID();
  langfuse.score({ id: thumbsId, traceId, name: "thumbs", value: 1, dataType: "BOOLEAN", comment: "from the server SDK" });
  await langfuse.flushAsync();
  const browserId = randomUUID();
  await web.score({ id: browserId, traceId, name: "user-feedback", value: "loved it" });
  result.created = { api: created.id, thumbs: thumbsId, browser: browserId };

  let refused = null;
  try {
    await api.scoreCreate({ traceId, name: "x", value: 2, configId: helpful.id });
  } catch (response) {
    refused = { status: response.status, body: response.error };
  }
  result.refused = refused;

  const page = await until(() => api.scoreV2Get({ traceId }), (p) => p.data.length === 3 && p.meta.totalItems === 3, "the three scores");
  result.scores = page.data.map(describeScore);
  result.byId = describeScore(await api.scoreV2GetById(created.id));

  await api.scoreDelete(thumbsId);
  result.afterDelete = (await api.scoreV2Get({ traceId })).data.map((s) => s.id);

  await langfuse.shutdownAsync();
  await web.shutdownAsync();
  return result;
});
