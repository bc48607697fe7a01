/**
 * The app under test: built once into `.next-e2e` (NEXT_DIST_DIR, so it never collides with a
 * developer's `.next`), then served by `next start` on a free port on 127.0.0.1 with a private
 * environment: the e2e database, a temporary BACKUP_DIR, a random encryption key and session
 * secret, no schedule, no cloud or mail settings inherited from the shell.
 * E2E_SKIP_BUILD=1 reuses an existing `.next-e2e` (for iterating on the scenarios).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { freePort, runToEnd, startService, waitForHttp, type Service } from './processes';

export const DIST_DIR = '.next-e2e';
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
  service: Service;
}

export async function startApp(root: string, options: { databaseUrl: string; backupDir: string; logDir: string }): Promise<RunningApp> {
  const port = await freePort();
  const service = startService(path.join(root, 'node_modules', '.bin', 'next'), ['start', '-p', String(port), '-H', '127.0.0.1'], {
    env: {
      ...baseEnv(),
      DATABASE_URL: options.databaseUrl,
      BACKUP_DIR: options.backupDir,
      BACKUP_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      BACKUP_SCHEDULE_ENABLED: 'false',
    },
    logFile: path.join(options.logDir, 'server.log'),
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${baseUrl}/login`, service, START_TIMEOUT_MS);
  } catch (error) {
    await service.stop();
    throw error;
  }
  return { baseUrl, service };
}
