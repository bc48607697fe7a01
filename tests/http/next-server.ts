/**
 * Runs the test build with `next start` as a child process on a 127.0.0.1 port the OS picks
 * (`-p 0`: no port is probed, closed and reused, so two servers can never race for one), reads
 * the address it prints, with only the environment the test gives it (plus PATH/HOME), and
 * waits — boundedly — until it answers.
 * The child leads its own process group, so `kill9()` takes down the server and anything it
 * spawned at once, as a crash would; `stop()` ends it politely. Output is kept for diagnosis.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { PROJECT_ROOT } from '../../src/lib/db/database-url';
import { DIST_DIR_NAME, NEXT_BIN } from './next-build';

const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;
const OUTPUT_LIMIT = 40_000;

export interface NextServer {
  url: string;
  pid: number;
  output(): string;
  /** Resident memory of the whole process group (Linux /proc), in bytes. */
  rssBytes(): Promise<number>;
  stop(): Promise<void>;
  kill9(): Promise<void>;
}

/** Where `next start` says it listens: "- Local: http://127.0.0.1:41234". */
const LISTENING_URL = /Local:\s+(http:\/\/127\.0\.0\.1:\d+)/;

async function groupRssBytes(pgid: number): Promise<number> {
  let total = 0;
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    const [stat, status] = await Promise.all([readFile(`/proc/${pid}/stat`, 'utf8'), readFile(`/proc/${pid}/status`, 'utf8')]).catch(() => ['', '']);
    // Field 5 of /proc/<pid>/stat is the process group; the name before it may contain spaces.
    if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) !== pgid) continue;
    total += Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
  }
  return total;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startNextServer(env: Record<string, string>): Promise<NextServer> {
  const child = spawn(process.execPath, [NEXT_BIN, 'start', '-p', '0', '-H', '127.0.0.1'], {
    cwd: PROJECT_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      NEXT_DIST_DIR: DIST_DIR_NAME,
      NEXT_TELEMETRY_DISABLED: '1',
      ...env,
    },
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-OUTPUT_LIMIT));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const done = exited(child);
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };

  let url = '';
  const server: NextServer = {
    get url() {
      return url;
    },
    pid: child.pid!,
    output: () => output,
    rssBytes: () => groupRssBytes(child.pid!),
    async stop() {
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), STOP_TIMEOUT_MS);
      await done;
      clearTimeout(timer);
    },
    async kill9() {
      signalGroup('SIGKILL');
      await done;
    },
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`next start exited early:\n${output}`);
    url ||= LISTENING_URL.exec(output)?.[1] ?? '';
    if (!url) {
      await sleep(100);
      continue;
    }
    const answered = await fetch(`${url}/api/health/backups`, { signal: AbortSignal.timeout(5_000) }).then(
      () => true,
      () => false,
    );
    if (answered) return server;
    await sleep(250);
  }
  await server.kill9();
  throw new Error(`next start did not answer within ${READY_TIMEOUT_MS} ms:\n${output}`);
}
