/**
 * Recognises what the errors of other libraries mean — node-postgres, Prisma (through its pg
 * driver adapter), Node's file system, streams and zlib — from their documented shape (a
 * SQLSTATE, a Prisma `P…` code, a Node `E…` code), one error at a time (the classifier in
 * `errors.ts` walks the `cause` chain). Pure: imports nothing, so every layer may use it.
 */

export type ForeignCondition =
  | { kind: 'disk-full' }
  | { kind: 'aborted' }
  | { kind: 'connection-lost' }
  | { kind: 'auth-failed'; user?: string }
  | { kind: 'database-missing'; database?: string }
  | { kind: 'table-missing'; table?: string }
  | { kind: 'record-missing'; model?: string }
  | { kind: 'constraint-violated'; table?: string; constraint?: string }
  | { kind: 'compressed-data-damaged' }
  | { kind: 'privilege-missing' };

/** Node and PostgreSQL codes of a refused, dropped or shut-down connection. */
const CONNECTION_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
const CONNECTION_TEXT = /Connection terminated|connection ended|Client has encountered a connection error|not queryable/i;
/** Prisma's codes for: cannot reach, timed out, server closed the connection. */
const PRISMA_CONNECTION_CODES = new Set(['P1001', 'P1002', 'P1017']);
const PRISMA_CONNECTION_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
const AUTH_SQLSTATES = new Set(['28P01', '28000']);
const MISSING_DATABASE_SQLSTATE = '3D000';
const MISSING_TABLE_SQLSTATE = '42P01';
/** Prisma's own codes (P1xxx–P6xxx); PostgreSQL's P0xxx are SQLSTATEs (PL/pgSQL). */
const PRISMA_CODE = /^P[1-9]/;
const INSUFFICIENT_PRIVILEGE_SQLSTATE = '42501';
/** SQLSTATE class 23: integrity constraint violation. */
const CONSTRAINT_CLASS = '23';

interface ErrorShape {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  table?: unknown;
  constraint?: unknown;
  meta?: { modelName?: unknown; driverAdapterError?: { cause?: DriverCause } };
}

interface DriverCause {
  originalCode?: unknown;
  kind?: unknown;
  table?: unknown;
  db?: unknown;
  user?: unknown;
  constraint?: unknown;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

/** A node-postgres error carries its SQLSTATE in `code`; a Prisma one in its adapter's cause. */
function sqlStateOf(error: ErrorShape): string | undefined {
  const code = text(error.code);
  if (code && /^[0-9A-Z]{5}$/.test(code) && /\d/.test(code) && !PRISMA_CODE.test(code)) return code;
  return text(error.meta?.driverAdapterError?.cause?.originalCode);
}

function constraintName(error: ErrorShape, cause: DriverCause | undefined): string | undefined {
  if (text(error.constraint)) return text(error.constraint);
  const fromCause = cause?.constraint as { index?: unknown; fields?: unknown } | string | undefined;
  return typeof fromCause === 'string' ? fromCause : text(fromCause?.index);
}

/** The condition one error (not its causes) stands for, or null when it is not recognised. */
export function recogniseForeignError(error: unknown): ForeignCondition | null {
  if (typeof error !== 'object' || error === null) return null;
  const shape = error as ErrorShape;
  const code = text(shape.code);
  const cause = shape.meta?.driverAdapterError?.cause;
  const state = sqlStateOf(shape);
  const message = text(shape.message) ?? '';

  if (code === 'ENOSPC' || code === 'EDQUOT') return { kind: 'disk-full' };
  if (code === 'ABORT_ERR' || shape.name === 'AbortError') return { kind: 'aborted' };
  if (code?.startsWith('Z_')) return { kind: 'compressed-data-damaged' };
  if (state && AUTH_SQLSTATES.has(state)) return { kind: 'auth-failed', user: text(cause?.user) };
  if (state === MISSING_DATABASE_SQLSTATE) {
    return { kind: 'database-missing', database: text(cause?.db) ?? /database "([^"]+)" does not exist/.exec(message)?.[1] };
  }
  if (code === 'P2021' || state === MISSING_TABLE_SQLSTATE) return { kind: 'table-missing', table: text(cause?.table) };
  if (code === 'P2025') return { kind: 'record-missing', model: text(shape.meta?.modelName) };
  if (state === INSUFFICIENT_PRIVILEGE_SQLSTATE) return { kind: 'privilege-missing' };
  if (state?.startsWith(CONSTRAINT_CLASS)) return { kind: 'constraint-violated', table: text(shape.table) ?? text(cause?.table), constraint: constraintName(shape, cause) };
  if (
    (code !== undefined && (CONNECTION_CODES.has(code) || PRISMA_CONNECTION_CODES.has(code))) ||
    (state !== undefined && CONNECTION_CODES.has(state)) ||
    PRISMA_CONNECTION_KINDS.has(text(cause?.kind) ?? '') ||
    CONNECTION_TEXT.test(message)
  ) {
    return { kind: 'connection-lost' };
  }
  return null;
}

/** Whether an error (not its causes) is a refused or dropped database connection. */
export function isConnectionError(error: unknown): boolean {
  return recogniseForeignError(error)?.kind === 'connection-lost';
}
