// Helpers shared by the score scenarios: polling the server until ingestion has caught up, and the fields of a
// score or config the tests compare.

/** Calls read() until check(result) holds, every 100 ms for up to 20 s; resolves to the last result. */
export async function until(read, check, what) {
  const deadline = Date.now() + 20000;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await read();
      if (check(last)) {
        return last;
      }
    } catch (error) {
      last = error;
    }

    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  throw new Error(`timed out waiting for ${what}; last answer: ${JSON.stringify(last)}`);
}

export function describeScore(score) {
  return {
    id: score.id,
    name: score.name,
    dataType: score.dataType,
    value: score.value ?? null,
    stringValue: score.stringValue ?? null,
    traceId: score.traceId ?? null,
    sessionId: score.sessionId ?? null,
    observationId: score.observationId ?? null,
    configId: score.configId ?? null,
    comment: score.comment ?? null,
    source: score.source,
    environment: score.environment,
    trace: score.trace ?? null,
  };
}

export function describeConfig(config) {
  return {
    id: config.id,
    name: config.name,
    dataType: config.dataType,
    isArchived: config.isArchived,
    minValue: config.minValue ?? null,
    maxValue: config.maxValue ?? null,
    categories: config.categories ?? null,
    description: config.description ?? null,
  };
}
