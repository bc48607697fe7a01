/**
 * One production build of the app per test run, shared by every HTTP test file, in its own
 * dist dir (`.next-http-tests`, via NEXT_DIST_DIR) so it never disturbs a developer's `.next`.
 *
 * Done from a `beforeAll` (the vitest config's global setup belongs to the database), guarded
 * by a lock directory: the first file to arrive builds, the others wait for its stamp. The run
 * is identified by the template database the global setup made for it, so a new run rebuilds.
 * HTTP_TESTS_REUSE_BUILD=1 reuses any finished build (quick re-runs while editing tests).
 *
 * The build runs in two of Next's build modes, `compile` then `generate`: together they give
 * the same output as a plain `next build`, minus its TypeScript pass, which type-checks the
 * whole tree and rewrites tsconfig.json — type checking is `npm run typecheck`'s job.
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inject } from 'vitest';
import { PROJECT_ROOT } from '../../src/lib/db/database-url';

export const DIST_DIR_NAME = '.next-http-tests';
export const DIST_DIR = path.join(PROJECT_ROOT, DIST_DIR_NAME);
export const NEXT_BIN = path.join(PROJECT_ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
/** A directory, so the `.next-*\/` ignore rule covers it and mkdir makes taking it atomic. */
const LOCK_DIR = path.join(PROJECT_ROOT, `${DIST_DIR_NAME}.lock`);
const OWNER_FILE = path.join(LOCK_DIR, 'owner.json');
const STAMP_FILE = path.join(DIST_DIR, 'http-tests-build.json');
const BUILD_TIMEOUT_MS = 15 * 60_000;
const POLL_MS = 500;

export const BUILD_HOOK_TIMEOUT_MS = BUILD_TIMEOUT_MS + 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readJson<T>(file: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface Stamp {
  runKey: string;
  /** Set when this run's build failed, so the other files fail at once instead of rebuilding. */
  error?: string;
}

/** true when this run's build is there; throws when it failed. */
async function isBuilt(runKey: string): Promise<boolean> {
  const stamp = await readJson<Stamp>(STAMP_FILE);
  if (stamp?.runKey === runKey && stamp.error) throw new Error(stamp.error);
  return stamp !== null && !stamp.error && (process.env.HTTP_TESTS_REUSE_BUILD === '1' || stamp.runKey === runKey);
}

function runNextBuild(mode: 'compile' | 'generate'): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [NEXT_BIN, 'build', `--experimental-build-mode=${mode}`], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NODE_ENV: 'production', NEXT_DIST_DIR: DIST_DIR_NAME, NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`next build (${mode}) failed (${signal ?? `exit ${code}`}):\n${output}`));
    });
  });
}

async function buildHoldingLock(runKey: string): Promise<void> {
  try {
    await runNextBuild('compile');
    await runNextBuild('generate');
    await writeFile(STAMP_FILE, JSON.stringify({ runKey } satisfies Stamp));
  } catch (error) {
    await mkdir(DIST_DIR, { recursive: true });
    await writeFile(STAMP_FILE, JSON.stringify({ runKey, error: (error as Error).message } satisfies Stamp));
    throw error;
  } finally {
    await rm(LOCK_DIR, { recursive: true, force: true });
  }
}

/** Resolves when this run's build is in DIST_DIR, building it if no other test file is. */
export async function ensureNextBuild(): Promise<void> {
  const runKey = inject('pgTemplateDatabase');
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await isBuilt(runKey)) return;
    try {
      await mkdir(LOCK_DIR);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = await readJson<{ pid: number }>(OWNER_FILE);
      if (owner && !isAlive(owner.pid)) await rm(LOCK_DIR, { recursive: true, force: true });
      await sleep(POLL_MS);
      continue;
    }
    await writeFile(OWNER_FILE, JSON.stringify({ pid: process.pid, runKey }));
    return buildHoldingLock(runKey);
  }
  throw new Error(`Timed out after ${BUILD_TIMEOUT_MS} ms waiting for the test build in ${DIST_DIR_NAME}`);
}
