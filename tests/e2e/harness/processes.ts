/**
 * Child processes for the e2e run: `runToEnd` (the build, output to a log file, bounded by a
 * timeout) and `startService` (the Next server, in its own process group so that `stop()` ends
 * it and everything it started: SIGTERM, then SIGKILL after a grace period). A service's output
 * goes to its log file and is searched by `waitForOutput` (e.g. for the address a server that
 * was given port 0 says it listens on).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';

/** How much of a service's output `waitForOutput` searches (its start-up lines). */
const OUTPUT_LIMIT = 64_000;

export async function tail(file: string, lines: number): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').slice(-lines).join('\n');
}

export async function runToEnd(command: string, args: string[], options: { env: NodeJS.ProcessEnv; logFile: string; timeoutMs: number }): Promise<void> {
  const log = createWriteStream(options.logFile);
  const child = spawn(command, args, { env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), options.timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (status) => resolve(status)));
  clearTimeout(timer);
  log.end();
  if (code !== 0) {
    const text = await readFile(options.logFile, 'utf8').catch(() => '');
    const errors = text.split('\n').filter((line) => /\berror\b|Error:/i.test(line)).slice(0, 20).join('\n');
    throw new Error(`${command} ${args.join(' ')} failed (exit ${code}); full output in ${options.logFile}. Error lines:\n${errors}\nLast lines:\n${await tail(options.logFile, 15)}`);
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

export interface Service {
  exited(): boolean;
  /** Resolves with the first match of `pattern` in the output; rejects if the process exits first or `timeoutMs` passes. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  stop(): Promise<void>;
}

export function startService(command: string, args: string[], options: { env: NodeJS.ProcessEnv; logFile: string }): Service {
  const log = createWriteStream(options.logFile);
  const child = spawn(command, args, { env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  let output = '';
  const keep = (chunk: Buffer) => (output = output.length < OUTPUT_LIMIT ? output + chunk.toString() : output);
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exit = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    exited,
    async waitForOutput(pattern, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(output);
        if (match) return match;
        if (exited()) throw new Error(`${command} exited before printing ${pattern}; output in ${options.logFile}:\n${await tail(options.logFile, 15)}`);
        if (Date.now() > deadline) throw new Error(`${command} printed no ${pattern} within ${timeoutMs / 1000} s; output in ${options.logFile}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop() {
      killGroup(child, 'SIGTERM');
      const graceful = await Promise.race([exit.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
      if (!graceful) {
        killGroup(child, 'SIGKILL');
        await exit;
      }
      log.end();
    },
  };
}

/** Polls `url` until it answers with a status below 500, at most `timeoutMs`. */
export async function waitForHttp(url: string, service: Service, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.exited()) throw new Error(`the server exited before answering ${url}`);
    const status = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2000) }).then((r) => r.status, () => 0);
    if (status > 0 && status < 500) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}
