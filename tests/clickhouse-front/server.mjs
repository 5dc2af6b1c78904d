// Test-only stand-in for a ClickHouse server: answers the part of ClickHouse's HTTP interface that Sightline uses
// from chDB, the ClickHouse engine embedded as a library. Sightline's client must not be able to tell the difference,
// so this file follows the real interface (https://clickhouse.com/docs/interfaces/http) and never the other way round:
//
//   GET|POST /?query=...          the query; a POST body is appended to it (INSERT data), or is the query itself
//   database, default_format      the current database and the output format when the query names none
//   param_<name>                  values of {name:Type} placeholders, in ClickHouse's escaped text form
//   any other parameter           a setting for this query
//   X-ClickHouse-User/-Key, Basic auth or user/password parameters   credentials of the one user, "default"
//   GET /ping                     "Ok.\n"
//
// Errors answer with ClickHouse's "Code: N. DB::Exception: ..." text and the X-ClickHouse-Exception-Code header.
// Every request runs on a connection of its own (so USE and settings never leak into the next request), one at a
// time: chDB's parameter binding is not safe across connections running at once, and closing a connection while
// it runs a query would abort the engine.
//
//   node server.mjs --port <port> [--host 127.0.0.1] [--data <dir>] [--password <secret>]
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// chDB's native binding, the package the npm package "chdb" loads. Used directly because it takes parameter values as
// the raw text ClickHouse's HTTP interface receives (chdb's JavaScript API would escape them a second time), and
// because the package mirror the tests install from serves only this platform's binding, which the "chdb" package's
// lock entries for other platforms would need.
const native = require('@chdb/lib-linux-x64-gnu');

const args = parseArgs(process.argv.slice(2));
const port = Number(args.port ?? 8123);
const host = args.host ?? '127.0.0.1';
const password = args.password ?? '';
const ownsData = args.data === undefined;
const dataDir = path.resolve(args.data ?? fs.mkdtempSync(path.join(os.tmpdir(), 'clickhouse-front-')));
fs.mkdirSync(dataDir, { recursive: true });

// This connection keeps the data directory bound for the life of the process (chDB serves one directory per
// process); requests open connections of their own to the same directory.
const anchor = native.CreateConnection(dataDir);
const engineVersion = text(await native.QueryAsyncConnection(anchor, 'SELECT version()', 'TabSeparated')).trim();

// Parameters the HTTP handler itself consumes; every other parameter is a setting of the query.
const handlerParameters = new Set([
  'query', 'database', 'default_format', 'user', 'password', 'quota_key', 'query_id', 'session_id', 'session_timeout',
  'session_check', 'compress', 'decompress', 'buffer_size', 'wait_end_of_query', 'stacktrace', 'role',
  'client_protocol_version', 'http_response_buffer_size',
]);

const errorNames = { 62: 'SYNTAX_ERROR', 115: 'UNKNOWN_SETTING', 164: 'READONLY', 516: 'AUTHENTICATION_FAILED', 1001: 'STD_EXCEPTION' };

let queue = Promise.resolve();

const server = http.createServer({ maxHeaderSize: 1024 * 1024 }, (request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks);
    const run = queue.then(() => handle(request, body));
    queue = run.then(() => {}, () => {});
    run.then(
      (result) => send(response, 200, result.body, result.headers),
      (error) => fail(response, error),
    );
  });
});

server.listen(port, host, () => {
  process.stdout.write(`ClickHouse front (chDB ${engineVersion}) listening on http://${host}:${server.address().port}, data in ${dataDir}\n`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => {
    native.CloseConnection(anchor);
    if (ownsData) {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    process.exit(0);
  }));
}

async function handle(request, body) {
  const url = new URL(request.url, 'http://front');
  if (url.pathname === '/ping' || (url.pathname === '/' && request.method === 'GET' && !url.searchParams.has('query'))) {
    return { body: Buffer.from('Ok.\n'), headers: { 'Content-Type': 'text/plain; charset=UTF-8' } };
  }

  if (url.pathname !== '/' || (request.method !== 'GET' && request.method !== 'POST')) {
    throw new ClickHouseError(1001, `There is no handle ${url.pathname} for method ${request.method}`, 404);
  }

  authenticate(request, url.searchParams);
  const params = {};
  const settings = [];
  for (const [name, value] of url.searchParams) {
    if (name.startsWith('param_')) {
      params[name.slice('param_'.length)] = value;
    } else if (!handlerParameters.has(name)) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        throw new ClickHouseError(115, `Unknown setting '${name}'`);
      }
      settings.push([name, value]);
    }
  }

  const urlQuery = url.searchParams.get('query');
  const insertWithData = urlQuery !== null && body.length > 0 && /^\s*INSERT\s/i.test(stripComments(urlQuery));
  const sql = insertWithData ? urlQuery : [urlQuery, body.length > 0 ? body.toString('utf8') : null].filter((s) => s !== null).join('\n');
  if (sql.trim().length === 0) {
    throw new ClickHouseError(62, 'Empty query');
  }

  if (hasSecondStatement(insertWithData ? urlQuery : sql)) {
    throw new ClickHouseError(62, 'Syntax error (Multi-statements are not allowed)');
  }

  if (request.method === 'GET' && !/^\s*(SELECT|WITH|SHOW|DESCRIBE|DESC|EXISTS|EXPLAIN)\b/i.test(stripComments(sql))) {
    throw new ClickHouseError(164, 'Cannot execute query in readonly mode. For queries over HTTP, method GET implies readonly. You should use method POST for modifying queries');
  }

  const format = url.searchParams.get('default_format') ?? 'TabSeparated';
  const connection = native.CreateConnection(dataDir);
  try {
    const database = url.searchParams.get('database');
    if (database) {
      await native.QueryAsyncConnection(connection, `USE ${quoteIdentifier(database)}`, 'TabSeparated');
    }

    for (const [name, value] of settings) {
      await native.QueryAsyncConnection(connection, `SET ${name} = ${settingLiteral(value)}`, 'TabSeparated');
    }

    if (insertWithData) {
      await native.InsertRawAsyncConnection(connection, urlQuery, body, false);
      return { body: Buffer.alloc(0), headers: { 'Content-Type': 'text/plain; charset=UTF-8' } };
    }

    const result = Object.keys(params).length > 0
      ? await native.QueryAsyncConnection(connection, sql, format, params)
      : await native.QueryAsyncConnection(connection, sql, format);
    return { body: Buffer.from(result.bytes), headers: { 'Content-Type': contentType(format), 'X-ClickHouse-Format': format } };
  } finally {
    native.CloseConnection(connection);
  }
}

function authenticate(request, query) {
  let user = request.headers['x-clickhouse-user'] ?? query.get('user');
  let key = request.headers['x-clickhouse-key'] ?? query.get('password');
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Basic ')) {
    const decoded = Buffer.from(authorization.slice('Basic '.length), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    user = decoded.slice(0, colon < 0 ? decoded.length : colon);
    key = colon < 0 ? '' : decoded.slice(colon + 1);
  }

  user = user || 'default';
  if (user !== 'default' || (key ?? '') !== password) {
    throw new ClickHouseError(516, `${user}: Authentication failed: password is incorrect, or there is no user with such name`, 401);
  }
}

function send(response, status, body, headers) {
  response.writeHead(status, { ...headers, 'Content-Length': body.length, 'X-ClickHouse-Server-Display-Name': 'clickhouse-front' });
  response.end(body);
}

function fail(response, error) {
  const parsed = /^Code: (\d+)\. /.exec(error.message ?? '');
  const code = error instanceof ClickHouseError ? error.code : parsed ? Number(parsed[1]) : 1001;
  let message = error.message ?? String(error);
  if (!parsed) {
    message = `Code: ${code}. DB::Exception: ${message}. (${errorNames[code] ?? 'UNKNOWN'})`;
  }

  const body = Buffer.from(`${message} (version ${engineVersion})\n`);
  send(response, error.status ?? 500, body, { 'Content-Type': 'text/plain; charset=UTF-8', 'X-ClickHouse-Exception-Code': String(code) });
}

class ClickHouseError extends Error {
  constructor(code, message, status = 500) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

function text(result) {
  return Buffer.from(result.bytes).toString('utf8');
}

function contentType(format) {
  if (/^JSON/i.test(format)) {
    return 'application/json; charset=UTF-8';
  }

  return /^(TabSeparated|TSV)/i.test(format) ? 'text/tab-separated-values; charset=UTF-8' : 'text/plain; charset=UTF-8';
}

function quoteIdentifier(name) {
  return '`' + name.replace(/\\/g, '\\\\').replace(/`/g, '\\`') + '`';
}

function settingLiteral(value) {
  return /^-?\d+(\.\d+)?$/.test(value) ? value : `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

// The query text without comments and with every quoted string or identifier emptied, enough to see its first
// keyword and any statement after a semicolon.
function stripComments(sql) {
  let out = '';
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      out += ' ';
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 1;
      out += ' ';
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < sql.length && sql[j] !== c) {
        j += sql[j] === '\\' ? 2 : 1;
      }

      out += c + c;
      i = j;
    } else {
      out += c;
    }
  }

  return out;
}

function hasSecondStatement(sql) {
  const stripped = stripComments(sql);
  const semicolon = stripped.indexOf(';');
  return semicolon >= 0 && stripped.slice(semicolon + 1).trim().length > 0;
}

function parseArgs(argv) {
  const result = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) {
      throw new Error(`usage: node server.mjs --port <port> [--host 127.0.0.1] [--data <dir>] [--password <secret>] (bad argument ${argv[i]})`);
    }

    result[argv[i].slice(2)] = argv[i + 1];
  }

  return result;
}
