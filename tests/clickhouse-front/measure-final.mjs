// Measures the two ways to read a ReplacingMergeTree table correctly before background merges have removed the
// replaced rows: FINAL, and one argMax per key (over a tuple of all columns, since argMax skips NULL values of a
// Nullable column and would return an older non-null value). Runs on chDB directly, the engine the test endpoint uses.
// The numbers behind the choice of FINAL in src/Sightline.Storage.ClickHouse; see docs/configuration.md.
//
//   node measure-final.mjs [rows=300000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const native = require('@chdb/lib-linux-x64-gnu');
const rows = Number(process.argv[2] ?? 300000);
const batch = 500;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'measure-final-'));
const connection = native.CreateConnection(dir);

async function q(sql, params) {
  const result = params
    ? await native.QueryAsyncConnection(connection, sql, 'TabSeparated', params)
    : await native.QueryAsyncConnection(connection, sql, 'TabSeparated');
  return Buffer.from(result.bytes).toString('utf8');
}

// The observations table of the store, as ClickHouseSchema creates it, twice: background merges run on one and are
// stopped on the other, the worst case a read can meet.
const create = (name) => q(`CREATE TABLE ${name} (
  id String, trace_id String, project_id String, type LowCardinality(String), parent_observation_id Nullable(String),
  start_time DateTime64(3, 'UTC'), end_time Nullable(DateTime64(3, 'UTC')), name Nullable(String),
  metadata Map(LowCardinality(String), String), level LowCardinality(String),
  input Nullable(String) CODEC(ZSTD(3)), output Nullable(String) CODEC(ZSTD(3)), provided_model_name Nullable(String),
  usage_details Map(LowCardinality(String), Int64), cost_details Map(LowCardinality(String), Decimal(18, 12)),
  total_cost Nullable(Decimal(18, 12)), environment LowCardinality(String),
  created_at DateTime64(3, 'UTC'), updated_at DateTime64(3, 'UTC'), event_ts DateTime64(6, 'UTC'), is_deleted UInt8,
  INDEX idx_trace_id trace_id TYPE bloom_filter(0.001) GRANULARITY 1
) ENGINE = ReplacingMergeTree(event_ts, is_deleted) ORDER BY (project_id, id)`);
await create('obs_merging');
await create('obs_unmerged');
await q('SYSTEM STOP MERGES obs_unmerged');

// Batches of 500 over one hour per 3,600 rows; a fifth of each batch rewrites an earlier id, as replayed and
// updated events do. One row in twenty belongs to another project.
const t0 = Date.UTC(2026, 0, 1);
const iso = (ms) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
let next = 0;
let version = 0;
let insertMs = 0;
const row = (i, rewrite) => JSON.stringify({
  id: `o${i}`, trace_id: `t${Math.floor(i / 10)}`, project_id: i % 20 === 0 ? 'other' : 'p', type: 'GENERATION',
  parent_observation_id: i % 10 === 0 ? null : `o${i - (i % 10)}`, start_time: iso(t0 + i * 1000), end_time: rewrite ? iso(t0 + i * 1000 + 500) : null,
  name: rewrite ? null : `n${i % 50}`, metadata: { k: `v${i}` }, level: 'DEFAULT',
  input: `{"messages":[{"role":"user","content":"question number ${i}"}]}`, output: `"answer ${i}"`, provided_model_name: 'gpt-4o',
  usage_details: { input: 10, output: 20, total: 30 }, cost_details: { total: 0.5 }, total_cost: 0.5, environment: 'default',
  created_at: iso(t0), updated_at: iso(t0), event_ts: iso(t0 + version++), is_deleted: 0,
});
for (let written = 0; written < rows; written += batch) {
  const lines = [];
  for (let k = 0; k < batch; k++) {
    lines.push(next > 1000 && Math.random() < 0.2 ? row(Math.floor(Math.random() * next), true) : row(next++, false));
  }

  const body = Buffer.from(lines.join('\n') + '\n');
  const start = performance.now();
  await native.InsertRawAsyncConnection(connection, 'INSERT INTO obs_merging FORMAT JSONEachRow', body, true);
  insertMs += performance.now() - start;
  await native.InsertRawAsyncConnection(connection, 'INSERT INTO obs_unmerged FORMAT JSONEachRow', body, true);
}

const columns = 'id, trace_id, project_id, type, parent_observation_id, start_time, end_time, name, metadata, level, input, output, provided_model_name, usage_details, cost_details, total_cost, environment, created_at, updated_at'.split(', ');
const newest = columns.map((c, i) => `tupleElement(r, ${i + 1}) AS ${c}`).join(', ');
const argMax = (table) => (where) => `SELECT ${newest} FROM (SELECT argMax(tuple(${columns.join(', ')}, is_deleted), event_ts) AS r FROM ${table} WHERE ${where.replaceAll('{table}', table)} GROUP BY project_id, id) WHERE tupleElement(r, ${columns.length + 1}) = 0`;
const final = (table) => (where) => `SELECT ${columns.join(', ')} FROM ${table} FINAL WHERE ${where.replaceAll('{table}', table)}`;
const ids = `[${Array.from({ length: 500 }, (_, i) => `'o${(i * 457) % next}'`).join(',')}]`;
const ofTrace = "project_id = 'p' AND id IN (SELECT id FROM {table} WHERE project_id = 'p' AND trace_id = 't7777')";
const reads = [
  ['one key', (read) => read("project_id = 'p' AND id = 'o12345'")],
  ['500 keys', (read) => read("project_id = 'p' AND id IN ({ids:Array(String)})")],
  ['a trace\'s observations', (read) => `SELECT * FROM (${read(ofTrace)}) WHERE trace_id = 't7777'`],
  ['newest 50 of the project', (read) => `SELECT * FROM (${read("project_id = 'p'")}) ORDER BY start_time DESC, id DESC LIMIT 50`],
  ['count of the project', (read) => `SELECT count() FROM (${read("project_id = 'p'")})`],
];

async function median(sql, runs) {
  await q(sql, { ids });
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await q(sql, { ids });
    times.push(performance.now() - start);
  }

  return times.sort((a, b) => a - b)[runs >> 1];
}

async function table(state, name) {
  const [parts, stored] = (await q(`SELECT count(), sum(rows) FROM system.parts WHERE table = '${name}' AND active`)).trim().split('\t');
  console.log(`\n${state}: ${parts} parts, ${stored} stored rows for ${next} keys; median ms of 7 runs (argMax: 3 runs)`);
  console.log('read'.padEnd(28) + 'FINAL'.padStart(10) + 'argMax'.padStart(10));
  for (const [label, sql] of reads) {
    const f = await median(sql(final(name)), 7);
    const a = await median(sql(argMax(name)), label.startsWith('newest') || label.startsWith('count') ? 3 : 7);
    console.log(label.padEnd(28) + f.toFixed(1).padStart(10) + a.toFixed(1).padStart(10));
  }
}

console.log(`chDB ${(await q('SELECT version()')).trim()}, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`${rows} rows inserted in batches of ${batch}: ${(insertMs / (rows / batch)).toFixed(1)} ms per batch`);
await table('background merges running', 'obs_merging');
await table('merges stopped', 'obs_unmerged');
await q('OPTIMIZE TABLE obs_merging FINAL');
await table('after OPTIMIZE FINAL', 'obs_merging');
console.log(`load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
native.CloseConnection(connection);
fs.rmSync(dir, { recursive: true, force: true });
