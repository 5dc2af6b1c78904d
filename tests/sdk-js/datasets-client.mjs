// @langfuse/client 5.x datasets and experiments: api.datasets.create, api.datasetItems.create, dataset.get (items
// paged, each with link), dataset.runExperiment (task traced over OpenTelemetry, run items linking each item's trace
// and span, item-level evaluator scores and a run-level score), then api.datasets.getRun and api.datasetRunItems.list.
import { LangfuseClient } from "@langfuse/client";
import { run, settings, suffix } from "./lib/harness.mjs";
import { startTracing } from "./lib/otel.mjs";

await run(async () => {
  const connection = settings();
  const tracing = startTracing(connection);
  const langfuse = new LangfuseClient({ ...connection });
  const datasetName = `client/qa-${suffix()}`;
  const runName = "experiment run 1";

  const created = await langfuse.api.datasets.create({ name: datasetName, description: "from @langfuse/client", metadata: { sdk: "client" } });
  for (const [id, q, answer] of [["c-1", "2x2", "4"], ["c-2", "3x3", "9"], ["c-3", "4x4", "16"]]) {
    await langfuse.api.datasetItems.create({ datasetName, id, input: { q }, expectedOutput: answer });
  }

  const dataset = await langfuse.dataset.get(datasetName, { fetchItemsPageSize: 2 });
  const result = await dataset.runExperiment({
    name: "multiplication",
    runName,
    description: "multiplies",
    metadata: { model: "mental-math" },
    maxConcurrency: 1,
    // Wrong on purpose for 4x4, so the evaluator's scores differ.
    task: async ({ input }) => (input.q === "4x4" ? "15" : String(Number(input.q[0]) * Number(input.q[2]))),
    evaluators: [async ({ output, expectedOutput }) => ({ name: "exact", value: output === expectedOutput ? 1 : 0 })],
    runEvaluators: [async ({ itemResults }) => ({ name: "accuracy", value: itemResults.filter((r) => r.evaluations[0].value === 1).length / itemResults.length })],
  });
  await tracing.shutdown();

  const runRead = await langfuse.api.datasets.getRun(datasetName, runName);
  const runItems = await langfuse.api.datasetRunItems.list({ datasetId: dataset.id, runName, limit: 2, page: 1 });
  return {
    datasetName,
    runName,
    created: { id: created.id, name: created.name, metadata: created.metadata },
    dataset: { id: dataset.id, items: dataset.items.map((i) => i.id) },
    experiment: {
      runName: result.runName,
      datasetRunId: result.datasetRunId,
      items: result.itemResults.map((r) => ({ item: r.item.id, output: r.output, traceId: r.traceId, exact: r.evaluations[0].value })),
      runEvaluations: result.runEvaluations,
    },
    run: {
      id: runRead.id,
      name: runRead.name,
      description: runRead.description,
      metadata: runRead.metadata,
      items: runRead.datasetRunItems.map((r) => ({ item: r.datasetItemId, traceId: r.traceId, observationId: r.observationId })),
    },
    runItemsPage: { count: runItems.data.length, meta: runItems.meta },
  };
});
