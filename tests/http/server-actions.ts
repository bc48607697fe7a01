/**
 * Calls Next.js server actions over real HTTP, the way the browser's router does, so tests hit
 * the same public POST endpoint an attacker could.
 * - Ids: `<distDir>/server/server-reference-manifest.json` maps each action id to its file,
 *   export name and the pages ("workers") that import it. An action no page imports has no id
 *   and cannot be called at all.
 * - Request: POST to one of those pages with `Next-Action: <id>` and the arguments encoded as
 *   React's `encodeReply` does: a JSON array as text/plain for plain values (strings starting
 *   with "$" escaped as "$$", undefined as "$undefined"), or multipart with a FormData
 *   argument's fields as `_<n>_<name>`, referenced by "$K<n>", followed by field "0" holding
 *   the array (in that order: the server decodes while the body streams in).
 * - Response: the RSC stream, rows `<hex id>:<json>` (or `<id>:T<hex byte length>,<text>`).
 *   Row 0 carries the result as a reference "$@<id>" to another row; references between rows
 *   are resolved and React's special strings decoded.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ManifestEntry {
  workers: Record<string, unknown>;
  filename: string;
  exportedName: string;
}

export interface ServerAction {
  id: string;
  name: string;
  /** A page that imports the action: where the browser would POST it. */
  pagePath: string;
}

export function readServerActions(distDir: string): Map<string, ServerAction> {
  const file = path.join(distDir, 'server', 'server-reference-manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { node: Record<string, ManifestEntry> };
  const actions = new Map<string, ServerAction>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    const worker = Object.keys(entry.workers).find((w) => w.startsWith('app/') && w.endsWith('/page'));
    if (!worker) continue;
    const pagePath = worker.slice('app'.length, -'/page'.length).replace(/\/\([^/)]+\)/g, '') || '/';
    actions.set(entry.exportedName, { id, name: entry.exportedName, pagePath });
  }
  return actions;
}

// ── request encoding ──

function encodeValue(value: unknown): unknown {
  if (value === undefined) return '$undefined';
  if (typeof value === 'string') return value.startsWith('$') ? `$${value}` : value;
  if (Array.isArray(value)) return value.map(encodeValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeValue(v)]));
  }
  return value;
}

/** The request body for `args`; at most one FormData argument is supported, at any position. */
export function encodeActionArgs(args: unknown[]): { body: string | FormData; contentType?: string } {
  const formIndex = args.findIndex((a) => a instanceof FormData);
  if (formIndex === -1) return { body: JSON.stringify(args.map(encodeValue)), contentType: 'text/plain;charset=UTF-8' };
  // As React does: the referenced entries first, the root last (the server decodes as it streams).
  const form = new FormData();
  for (const [key, value] of args[formIndex] as FormData) form.append(`_1_${key}`, value);
  form.set('0', JSON.stringify(args.map((a, i) => (i === formIndex ? '$K1' : encodeValue(a)))));
  return { body: form };
}

// ── response decoding ──

type Row = { kind: 'json'; text: string } | { kind: 'text'; text: string } | { kind: 'other'; tag: string; text: string };

const ROW_TAGS = new Set(['I', 'H', 'E', 'D', 'W', 'N', 'P', 'x', 'X']);

export function parseRscRows(body: Buffer): Map<number, Row> {
  const rows = new Map<number, Row>();
  let at = 0;
  while (at < body.length) {
    const colon = body.indexOf(0x3a, at);
    if (colon === -1) break;
    const id = Number.parseInt(body.subarray(at, colon).toString('latin1'), 16);
    const tag = String.fromCharCode(body[colon + 1] ?? 0);
    if (tag === 'T') {
      const comma = body.indexOf(0x2c, colon + 2);
      const length = Number.parseInt(body.subarray(colon + 2, comma).toString('latin1'), 16);
      rows.set(id, { kind: 'text', text: body.subarray(comma + 1, comma + 1 + length).toString('utf8') });
      at = comma + 1 + length;
      continue;
    }
    const end = body.indexOf(0x0a, colon);
    const stop = end === -1 ? body.length : end;
    if (ROW_TAGS.has(tag)) rows.set(id, { kind: 'other', tag, text: body.subarray(colon + 2, stop).toString('utf8') });
    else rows.set(id, { kind: 'json', text: body.subarray(colon + 1, stop).toString('utf8') });
    at = stop + 1;
  }
  return rows;
}

function decodeRow(rows: Map<number, Row>, id: number, seen: Set<number>): unknown {
  const row = rows.get(id);
  if (!row) throw new Error(`RSC response has no row ${id}`);
  if (row.kind === 'text') return row.text;
  if (row.kind === 'other') throw new Error(`RSC row ${id} is "${row.tag}": ${row.text.slice(0, 500)}`);
  if (seen.has(id)) throw new Error(`RSC row ${id} refers to itself`);
  const decode = (value: unknown): unknown => {
    if (typeof value === 'string') return decodeString(value);
    if (Array.isArray(value)) return value.map(decode);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
    return value;
  };
  const decodeString = (s: string): unknown => {
    if (!s.startsWith('$')) return s;
    if (s.startsWith('$$')) return s.slice(1);
    const special: Record<string, unknown> = { $undefined: undefined, $NaN: NaN, $Infinity: Infinity, '$-Infinity': -Infinity, '$-0': -0 };
    if (s in special) return special[s];
    if (s.startsWith('$n')) return BigInt(s.slice(2));
    if (s.startsWith('$D')) return new Date(s.slice(2));
    const ref = /^\$@?([0-9a-f]+)$/.exec(s);
    if (ref) return decodeRow(rows, Number.parseInt(ref[1]!, 16), new Set([...seen, id]));
    throw new Error(`unsupported RSC value ${s.slice(0, 40)}`);
  };
  return decode(JSON.parse(row.text));
}

/** The action's return value from a fetch-action response body. */
export function decodeActionResult(body: Buffer): unknown {
  const rows = parseRscRows(body);
  const root = rows.get(0);
  if (root?.kind !== 'json') throw new Error(`not an action response: ${body.toString('utf8').slice(0, 500)}`);
  const { a } = JSON.parse(root.text) as { a?: unknown };
  if (typeof a !== 'string' || !a.startsWith('$@')) throw new Error(`action response without a result: ${root.text.slice(0, 500)}`);
  return decodeRow(rows, Number.parseInt(a.slice(2), 16), new Set([0]));
}

// ── calling ──

export interface ActionCall {
  status: number;
  headers: Headers;
  body: Buffer;
  /** The decoded return value; throws when the response holds none (e.g. the action threw). */
  result(): unknown;
}

export async function postAction(
  baseUrl: string,
  action: { id: string; pagePath: string },
  args: unknown[],
  options: { cookie?: string; headers?: Record<string, string> } = {},
): Promise<ActionCall> {
  const { body, contentType } = encodeActionArgs(args);
  const response = await fetch(new URL(action.pagePath, baseUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: {
      Accept: 'text/x-component',
      'Next-Action': action.id,
      Origin: new URL(baseUrl).origin,
      ...(contentType ? { 'Content-Type': contentType } : {}),
      ...(options.cookie ? { Cookie: options.cookie } : {}),
      ...options.headers,
    },
    body,
    signal: AbortSignal.timeout(120_000),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, body: bytes, result: () => decodeActionResult(bytes) };
}

/** The `data` of an `{ ok: true }` action result; fails with the whole result otherwise. */
export function okData<T>(call: ActionCall): T {
  const result = call.result() as { ok: boolean; data?: T; error?: unknown };
  if (call.status !== 200 || !result.ok) throw new Error(`expected ok, got HTTP ${call.status}: ${JSON.stringify(result)}`);
  return result.data as T;
}

/** The `error` of an `{ ok: false }` action result; fails otherwise. */
export function errorOf(call: ActionCall): { code: string; message: string } {
  const result = call.result() as { ok: boolean; error?: { code: string; message: string } };
  if (call.status !== 200 || result.ok || !result.error) throw new Error(`expected an error result, got HTTP ${call.status}: ${JSON.stringify(result)}`);
  return result.error;
}
