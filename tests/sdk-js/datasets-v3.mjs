// langfuse v3 datasets: createDataset (legacy POST /api/public/datasets), createDatasetItem, getDataset (v2 dataset
// plus every item page), item.link on a trace and on a generation (run created on first use), getDatasetRun and
// getDatasetRuns.
import { Langfuse } from "langfuse";
import { problem, run, settings, suffix } from "./lib/harness.mjs";

await run(async () => {
  const { baseUrl, publicKey, secretKey } = settings();
  const langfuse = new Langfuse({ baseUrl, publicKey, secretKey, flushAt: 100, fetchRetryCount: 0, requestTimeout: 10000 });
  langfuse.on("error", (error) => problem("langfuse error event", error));
  const datasetName = `v3/qa-${suffix()}`;
  const runName = "v3 run/1";

  const created = await langfuse.createDataset({ name: datasetName, description: "from langfuse v3", metadata: { sdk: "v3" } });
  // Three items over two pages of getDataset's item fetch; the last one archived, so getDataset leaves it out.
  for (const [id, q, status] of [["v3-a", "one", "ACTIVE"], ["v3-b", "two", "ACTIVE"], ["v3-c", "three", "ARCHIVED"]]) {
    await langfuse.createDatasetItem({ datasetName, id, input: { q }, expectedOutput: q.toUpperCase(), metadata: { i: id }, status });
  }

  const dataset = await langfuse.getDataset(datasetName, { fetchItemsPageSize: 1 });
  const links = [];
  for (const item of dataset.items) {
    const trace = langfuse.trace({ name: "v3-dataset-run", input: item.input });
    const generation = trace.generation({ name: "answer", input: item.input, output: item.expectedOutput });
    generation.end();
    const target = item.id === "v3-a" ? trace : generation;
    const link = await item.link(target, runName, { description: "linked by v3", metadata: { model: "m-1" } });
    links.push({ item: item.id, traceId: trace.id, observationId: target === trace ? null : generation.id, link });
  }

  await langfuse.flushAsync();
  const runRead = await langfuse.getDatasetRun({ datasetName, runName });
  const runs = await langfuse.getDatasetRuns(datasetName);
  await langfuse.shutdownAsync();
  return {
    datasetName,
    runName,
    created: { name: created.name, description: created.description, metadata: created.metadata, items: created.items, runs: created.runs },
    dataset: { id: dataset.id, name: dataset.name, description: dataset.description, metadata: dataset.metadata },
    items: dataset.items.map((i) => ({ id: i.id, input: i.input, expectedOutput: i.expectedOutput, status: i.status, datasetName: i.datasetName })),
    links,
    run: {
      id: runRead.id,
      name: runRead.name,
      description: runRead.description,
      metadata: runRead.metadata,
      items: runRead.datasetRunItems.map((r) => ({ item: r.datasetItemId, traceId: r.traceId, observationId: r.observationId, runName: r.datasetRunName })),
    },
    runs: { names: runs.data.map((r) => r.name), meta: runs.meta },
  };
});
