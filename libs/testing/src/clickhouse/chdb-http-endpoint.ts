import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';

/** chdb's Layer 1 session: the ClickHouse engine in this process, on one data directory. */
interface ChdbSession {
  queryAsync(sql: string, opts?: { format?: string }): Promise<ChdbResult>;
  queryBindAsync(
    sql: string,
    params: Record<string, string>,
    opts?: { format?: string },
  ): Promise<ChdbResult>;
  insert(opts: {
    table: string;
    columns?: string[];
    values: Buffer;
    format: string;
  }): Promise<unknown>;
  cleanup?(): void;
  close?(): void;
}

interface ChdbResult {
  bytes(): Uint8Array;
  rowsRead?: number;
  bytesRead?: number;
  elapsed?: number;
}

export interface ChdbHttpEndpoint {
  /** `http://127.0.0.1:<port>`: what CLICKHOUSE_URL is set to. */
  url: string;
  /** Statements received, in order (the SQL text, without insert bodies). */
  statements: string[];
  close(): Promise<void>;
}

/** URL parameters that are the HTTP interface's own, not settings of the query. */
const TRANSPORT = new Set([
  'query',
  'query_id',
  'database',
  'session_id',
  'role',
  'default_format',
]);
/** Settings only ClickHouse's HTTP layer knows: the engine would reject them as unknown. */
const HTTP_ONLY = new Set([
  'wait_end_of_query',
  'send_progress_in_http_headers',
  'http_headers_progress_interval_ms',
  'enable_http_compression',
]);

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*):([^}]+)\}/g;
const UNESCAPE: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '0': '\0',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** Reads a multipart/form-data body (the client's way of sending long query parameters). */
function multipartParts(body: Buffer, contentType: string): Map<string, string> {
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
  const parts = new Map<string, string>();
  if (!boundary) return parts;
  for (const chunk of body.toString('utf8').split(`--${boundary}`)) {
    const name = /name="([^"]+)"/.exec(chunk)?.[1];
    const start = chunk.indexOf('\r\n\r\n');
    if (!name || start < 0) continue;
    parts.set(name, chunk.slice(start + 4).replace(/\r\n$/, ''));
  }
  return parts;
}

/**
 * ClickHouse's HTTP interface, in front of the ClickHouse engine that chdb embeds: what the
 * server code path (`CLICKHOUSE_URL`, `@clickhouse/client` over HTTP) is tested against where
 * no ClickHouse server can run (ADR 0043). The SQL, the engine, the formats and the parameter
 * binding are ClickHouse's own; the HTTP layer (this file) is the part that is not the real
 * server's: `/ping`, the statement in the body or in `query=` with the insert's rows in the body,
 * `param_*` and settings in the URL or in a multipart body, gzip request bodies, and errors as a
 * 500 whose body is ClickHouse's exception text. No users, sessions or response compression.
 *
 * chdb binds one data directory per process: a process runs one endpoint, and no embedded chdb.
 */
export async function startChdbHttpEndpoint(dataDir: string): Promise<ChdbHttpEndpoint> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the engine loads on use
  const { Session } = require('chdb') as { Session: new (path: string) => ChdbSession };
  const session = new Session(dataDir);
  const statements: string[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/ping') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('Ok.\n');
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: Buffer = Buffer.concat(chunks);
    if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);

    const fields = new Map<string, string>(url.searchParams);
    const contentType = req.headers['content-type'] ?? '';
    if (contentType.startsWith('multipart/form-data')) {
      for (const [name, value] of multipartParts(body, contentType)) fields.set(name, value);
      body = Buffer.alloc(0);
    }
    const inUrl = fields.get('query');
    // An insert names itself in `query=` and sends its rows as the body; anything else is the body.
    const sql = inUrl ?? body.toString('utf8');
    const rows = inUrl !== undefined && body.length > 0 ? body : null;
    const queryId = fields.get('query_id') ?? randomUUID();
    statements.push(sql);

    const settings: string[] = [];
    const params: Record<string, string> = {};
    for (const [name, value] of fields) {
      if (name.startsWith('param_')) params[name.slice(6)] = value;
      else if (!TRANSPORT.has(name) && !HTTP_ONLY.has(name) && /^[a-z_][a-z0-9_]*$/i.test(name))
        settings.push(`${name} = ${/^-?\d+(\.\d+)?$/.test(value) ? value : `'${value}'`}`);
    }
    // chdb escapes String parameters for the engine itself: ones that arrive escaped are
    // unescaped first. Other types arrive as literals and pass as they are.
    for (const [, name, type] of sql.matchAll(PLACEHOLDER)) {
      const value = params[name!];
      if (value !== undefined && /^(LowCardinality\(|Nullable\()*String\)*$/.test(type!.trim()))
        params[name!] = value.replace(/\\(.)/g, (all, c: string) => UNESCAPE[c] ?? all);
    }

    let result: ChdbResult | null = null;
    if (rows) {
      const match = /^\s*INSERT\s+INTO\s+([\w.]+)\s*(?:\(([^)]*)\))?\s*FORMAT\s+(\w+)\s*$/is.exec(
        sql,
      );
      if (!match) throw new Error(`not an insert this endpoint knows: ${sql.slice(0, 200)}`);
      await session.insert({
        table: match[1]!,
        ...(match[2] ? { columns: match[2].split(',').map((c) => c.trim()) } : {}),
        values: rows,
        format: match[3]!,
      });
    } else {
      const withSettings = settings.length ? `SET ${settings.join(', ')}; ${sql}` : sql;
      // A statement's own FORMAT clause decides; chdb's format option beside one (with bound
      // parameters) makes it answer nothing. Without one, a server answers TabSeparated.
      const opts = /\bFORMAT\s+\w+\s*;?\s*$/i.test(sql) ? {} : { format: 'TabSeparated' };
      result =
        Object.keys(params).length > 0
          ? await session.queryBindAsync(withSettings, params, opts)
          : await session.queryAsync(withSettings, opts);
    }
    const summary = {
      read_rows: String(result?.rowsRead ?? 0),
      read_bytes: String(result?.bytesRead ?? 0),
      written_rows: '0',
      written_bytes: '0',
      total_rows_to_read: '0',
      result_rows: '0',
      result_bytes: '0',
      elapsed_ns: String(Math.round((result?.elapsed ?? 0) * 1e9)),
    };
    res
      .writeHead(200, {
        'content-type': 'text/plain; charset=UTF-8',
        'x-clickhouse-query-id': queryId,
        'x-clickhouse-summary': JSON.stringify(summary),
      })
      .end(result ? Buffer.from(result.bytes()) : undefined);
  };

  // A long list of query parameters travels in the URL, as to a server (it allows 1 MiB).
  const server = createServer({ maxHeaderSize: 2 * 1024 * 1024 }, (req, res) => {
    handle(req, res).catch((error: Error) => {
      const message = /Code: \d+/.test(error.message)
        ? error.message
        : `Code: 1000. DB::Exception: ${error.message}`;
      const code = /Code: (\d+)/.exec(message)?.[1] ?? '1000';
      res
        .writeHead(500, { 'content-type': 'text/plain', 'x-clickhouse-exception-code': code })
        .end(message);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    statements,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      (session.close ?? session.cleanup)?.call(session);
    },
  };
}
