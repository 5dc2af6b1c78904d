// @langfuse/client 5.x generated API client (langfuse.api): comments on a prompt and an annotation queue with its
// items and assignments, each call through the SDK's own request and response types. Prints what the SDK handed
// back, plus the status and body of the calls meant to fail, for the test to compare with the server's rows.
import { LangfuseClient } from "@langfuse/client";
import { expectFailure, run, settings, suffix } from "./lib/harness.mjs";

await run(async () => {
  const langfuse = new LangfuseClient({ ...settings(), timeout: 10 });
  const api = langfuse.api;
  const failure = async (action) => {
    const { error } = await expectFailure(action);
    return error ? { statusCode: error.statusCode ?? null, body: error.body ?? null } : null;
  };

  const project = (await api.projects.get()).data[0];
  const { promptResponse: prompt } = await langfuse.prompt.create({
    name: `reviewed-${suffix()}`,
    prompt: "Summarize {{text}}",
    labels: ["production"],
  });

  const created = await api.comments.create({
    projectId: project.id,
    objectType: "PROMPT",
    objectId: prompt.id,
    content: "Ask for **three** bullet points",
  });
  const comments = {
    created,
    byId: await api.comments.getById(created.id),
    list: await api.comments.get({ objectType: "PROMPT", objectId: prompt.id, limit: 10 }),
    unknownObject: await failure(() =>
      api.comments.create({ projectId: project.id, objectType: "TRACE", objectId: "no-such-trace", content: "lost" })),
    tooLong: await failure(() =>
      api.comments.create({ projectId: project.id, objectType: "PROMPT", objectId: prompt.id, content: "x".repeat(5001) })),
  };

  const helpfulness = await api.scoreConfigs.create({ name: "helpfulness", dataType: "NUMERIC", minValue: 0, maxValue: 1 });
  const tone = await api.scoreConfigs.create({ name: "tone", dataType: "BOOLEAN" });
  const queue = await api.annotationQueues.createQueue({
    name: `review-${suffix()}`,
    description: "Weekly review of support answers",
    scoreConfigIds: [helpfulness.id, tone.id],
  });
  const first = await api.annotationQueues.createQueueItem(queue.id, { objectId: "trace-1", objectType: "TRACE" });
  const second = await api.annotationQueues.createQueueItem(queue.id, { objectId: "session-1", objectType: "SESSION" });
  const updated = await api.annotationQueues.updateQueueItem(queue.id, first.id, { status: "COMPLETED" });
  const queues = {
    queue,
    fetched: await api.annotationQueues.getQueue(queue.id),
    list: await api.annotationQueues.listQueues({ page: 1, limit: 10 }),
    first,
    second,
    updated,
    item: await api.annotationQueues.getQueueItem(queue.id, first.id),
    completed: await api.annotationQueues.listQueueItems(queue.id, { status: "COMPLETED" }),
    deleted: await api.annotationQueues.deleteQueueItem(queue.id, second.id),
    remaining: await api.annotationQueues.listQueueItems(queue.id),
    configIds: [helpfulness.id, tone.id],
    duplicate: await failure(() => api.annotationQueues.createQueue({ name: queue.name, scoreConfigIds: [tone.id] })),
    unknownConfig: await failure(() =>
      api.annotationQueues.createQueue({ name: `unchecked-${suffix()}`, scoreConfigIds: [tone.id, "no-such-config"] })),
    unknownQueue: await failure(() => api.annotationQueues.getQueue("no-such-queue")),
    unknownUser: await failure(() => api.annotationQueues.createQueueAssignment(queue.id, { userId: "no-such-user" })),
    unassigned: await api.annotationQueues.deleteQueueAssignment(queue.id, { userId: "no-such-user" }),
  };

  return { projectId: project.id, promptId: prompt.id, comments, queues };
});
