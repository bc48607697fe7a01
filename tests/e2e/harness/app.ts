/**
 * The app under test: built once into `.next-e2e` (NEXT_DIST_DIR, so it never collides with a
 * developer's `.next`), then served by `next start` — or, for the development-mode scenarios,
 * by `next dev` from `.next-e2e-dev` — on 127.0.0.1, port 0 (the OS picks one; the harness reads
 * the address the server prints, so no port is probed, closed and reused), with a private environment:
 * the e2e database, a temporary BACKUP_DIR, the run's encryption key and session secret (shared
 * by every app of one run, so a session and the backups carry over), a schedule that never fires
 * during a run, no cloud or mail settings inherited from the shell; `env` overrides any of it.
 * E2E_SKIP_BUILD=1 reuses an existing `.next-e2e` (for iterating on the scenarios).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runToEnd, startService, waitForHttp, type Service } from './processes';

export const DIST_DIR = '.next-e2e';
export const DEV_DIST_DIR = '.next-e2e-dev';
/** `next dev` compiles each route on its first request: slower to answer than `next start`. */
const DEV_START_TIMEOUT_MS = 240_000;
const BUILD_TIMEOUT_MS = 10 * 60_000;
const START_TIMEOUT_MS = 60_000;

function baseEnv(): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(BACKUP_|SMTP_|AUTH_|DATABASE_URL$|APP_URL$|PORT$|NODE_ENV$)/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, NODE_ENV: 'production', NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: '1' };
}

/** `next build` rewrites these to point at its distDir; the shared tree keeps its own versions. */
const FILES_NEXT_REWRITES = ['tsconfig.json', 'next-env.d.ts'];

async function preserving<T>(root: string, work: () => Promise<T>): Promise<T> {
  const saved = await Promise.all(FILES_NEXT_REWRITES.map((f) => readFile(path.join(root, f), 'utf8').catch(() => null)));
  try {
    return await work();
  } finally {
    await Promise.all(
      FILES_NEXT_REWRITES.map(async (f, i) => {
        const file = path.join(root, f);
        const before = saved[i];
        if (before === null || before === undefined) await rm(file, { force: true });
        else if ((await readFile(file, 'utf8').catch(() => null)) !== before) await writeFile(file, before);
      }),
    );
  }
}

export async function buildApp(root: string, logDir: string): Promise<'built' | 'reused'> {
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync(path.join(root, DIST_DIR, 'BUILD_ID'))) return 'reused';
  await preserving(root, () =>
    runToEnd(path.join(root, 'node_modules', '.bin', 'next'), ['build'], {
      env: baseEnv(),
      logFile: path.join(logDir, 'build.log'),
      timeoutMs: BUILD_TIMEOUT_MS,
    }),
  );
  return 'built';
}

export interface RunningApp {
  baseUrl: string;
  port: number;
  service: Service;
}

/** The secrets every app of one run shares. */
export const RUN_SECRETS = { BACKUP_ENCRYPTION_KEY: randomBytes(32).toString('hex') };

export interface AppOptions {
  databaseUrl: string;
  backupDir: string;
  logDir: string;
  /** `start` (the production build, default) or `dev` (`next dev`). */
  mode?: 'start' | 'dev';
  /** Log file name in logDir (default server.log). */
  logName?: string;
  env?: Record<string, string>;
}

/** Where `next start` / `next dev` say they listen: "- Local: http://127.0.0.1:41234". */
const LISTENING_URL = /Local:\s+http:\/\/127\.0\.0\.1:(\d+)/;

export async function startApp(root: string, options: AppOptions): Promise<RunningApp> {
  const dev = options.mode === 'dev';
  const modeEnv: Record<string, string> = dev ? { NODE_ENV: 'development', NEXT_DIST_DIR: DEV_DIST_DIR } : {};
  const launch = () =>
    startService(path.join(root, 'node_modules', '.bin', 'next'), [dev ? 'dev' : 'start', '-p', '0', '-H', '127.0.0.1'], {
    env: {
      ...baseEnv(),
      ...modeEnv,
      DATABASE_URL: options.databaseUrl,
      BACKUP_DIR: options.backupDir,
      ...RUN_SECRETS,
      // A schedule is on (health is green only then) that never fires during a run: 03:17 on 1 January.
      BACKUP_SCHEDULE: '17 3 1 1 *',
      ...options.env,
    },
    logFile: path.join(options.logDir, options.logName ?? 'server.log'),
  });
  const answering = async (service: Service, timeoutMs: number) => {
    try {
      const port = Number((await service.waitForOutput(LISTENING_URL, timeoutMs))[1]);
      const baseUrl = `http://127.0.0.1:${port}`;
      await waitForHttp(`${baseUrl}/login`, service, timeoutMs);
      return { baseUrl, port, service };
    } catch (error) {
      await service.stop();
      throw error;
    }
  };
  // `next dev` rewrites tsconfig.json and next-env.d.ts as it starts, like `next build`.
  return dev ? preserving(root, () => answering(launch(), DEV_START_TIMEOUT_MS)) : answering(launch(), START_TIMEOUT_MS);
}
