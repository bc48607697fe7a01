/**
 * Everything the CLI writes, in one place:
 * - results: human lines on stdout, or with `--json` one JSON document `{ ok, … }` on stdout;
 * - errors: `error: <message>` on stderr, or with `--json` `{ ok: false, error: { code, message } }`
 *   as the one JSON document on stdout (as the help promises);
 * - notes (hints, per-item remarks) on stderr, silent with `--json`;
 * - progress on stderr: on a TTY one redrawn line (bar, phase, table, tables done/total, rows,
 *   bytes, MB/s); otherwise a plain line at most every PLAIN_INTERVAL_MS and on each phase change;
 *   nothing with `--json`.
 * Plus the human formatting of bytes, rates, counts, durations, dates and tables.
 */
import { formatBytes, type BackupError, type OperationProgress } from '@/lib/backup';

export { formatBytes };

const PLAIN_INTERVAL_MS = 2_000;
const TTY_INTERVAL_MS = 100;
const BAR_WIDTH = 20;
const BYTE_STEP = 1000;

export interface CommandResult {
  /** Fields of the `--json` document (besides `ok`). */
  data: Record<string, unknown>;
  /** Human output, one line each. */
  lines: string[];
  /** Non-zero for a command that ran but reports a bad state (e.g. health). Default 0. */
  exitCode?: number;
}

/** An operation's progress as the core reports it; `percent` when the producer can estimate it. */
export type ProgressSnapshot = Omit<OperationProgress, 'percent'> & { percent?: number };

export interface ProgressRenderer {
  update(progress: ProgressSnapshot): void;
  /** Clears the progress line; later updates are ignored. */
  done(): void;
}

export interface Output {
  readonly json: boolean;
  note(line: string): void;
  progress(): ProgressRenderer;
}

export function createOutput(json: boolean, stderr: NodeJS.WriteStream = process.stderr): Output {
  return {
    json,
    note: (line) => {
      if (!json) stderr.write(`${line}\n`);
    },
    progress: () => (json ? { update: () => undefined, done: () => undefined } : createProgressRenderer(stderr)),
  };
}

export function printResult(result: CommandResult, json: boolean): void {
  if (json) process.stdout.write(`${JSON.stringify({ ok: (result.exitCode ?? 0) === 0, ...result.data }, null, 2)}\n`);
  else for (const line of result.lines) process.stdout.write(`${line}\n`);
}

export function printError(error: BackupError, json: boolean, hint?: string): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ ok: false, error: { code: error.code, message: error.message } }, null, 2)}\n`);
    return;
  }
  process.stderr.write(`error: ${error.message}\n`);
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  if (error.code === 'INTERNAL' && cause) process.stderr.write(`cause: ${cause}\n`);
  if (hint) process.stderr.write(`${hint}\n`);
}

export function createProgressRenderer(stream: NodeJS.WriteStream, now: () => number = Date.now): ProgressRenderer {
  const tty = stream.isTTY === true;
  const started = now();
  let lastDraw = 0;
  let lastPhase = '';
  let finished = false;
  let drawn = false;
  return {
    update(progress) {
      if (finished) return;
      const time = now();
      const phaseChanged = progress.phase !== lastPhase;
      if (!phaseChanged && time - lastDraw < (tty ? TTY_INTERVAL_MS : PLAIN_INTERVAL_MS)) return;
      lastDraw = time;
      lastPhase = progress.phase;
      const text = describe(progress, formatRate(progress.bytes, time - started));
      if (tty) {
        stream.write(`\r\x1b[2K${`${bar(progress)} ${text}`.slice(0, (stream.columns ?? 80) - 1)}`);
        drawn = true;
      } else {
        stream.write(`[${formatDuration(time - started)}] ${text}\n`);
      }
    },
    done() {
      finished = true;
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}

/** Most important first, so that a narrow terminal cuts the table name, not the numbers. */
function describe(p: ProgressSnapshot, rate: string): string {
  const parts = [p.phase];
  if (p.tablesTotal > 0) parts.push(`${p.tablesDone}/${p.tablesTotal} tables`);
  else if (p.tablesDone > 0) parts.push(`${p.tablesDone} tables`);
  if (p.rows > 0 || p.tablesTotal > 0) parts.push(`${formatCount(p.rows)} rows`);
  if (p.bytes > 0) parts.push(formatBytes(p.bytes));
  if (rate) parts.push(rate);
  if (p.table) parts.push(p.table);
  return parts.join('  ');
}

function bar(p: ProgressSnapshot): string {
  const fraction = p.percent !== undefined ? Math.min(1, p.percent / 100) : p.tablesTotal > 0 ? Math.min(1, p.tablesDone / p.tablesTotal) : 0;
  const filled = Math.round(fraction * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%`;
}

/** Throughput in MB/s; empty until there are bytes and time to measure. */
export function formatRate(bytes: number, elapsedMs: number): string {
  if (bytes <= 0 || elapsedMs <= 0) return '';
  return `${(bytes / BYTE_STEP / BYTE_STEP / (elapsedMs / 1000)).toFixed(1)} MB/s`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(Math.floor(seconds % 60)).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** "2025-01-31 02:00:09 UTC" from an ISO string (seconds tell apart backups of one minute). */
export function formatDate(iso: string | null): string {
  return iso ? `${iso.slice(0, 19).replace('T', ' ')} UTC` : '-';
}

/** Left-aligned columns separated by two spaces. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(headers), ...rows.map(line)];
}
