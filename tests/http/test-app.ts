/**
 * One running app per test file: a fresh migrated database seeded with the demo data set (demo
 * admin and teacher included), a temporary BACKUP_DIR, a random encryption key, and the test
 * build served by `next start` (NODE_ENV=production, schedules off, the worker in the server
 * process; `env` adds or overrides settings). Gives session cookies for the demo users (sessions
 * created with the app's own `createSession`; `newCookie` makes more), SQL access to the
 * database, action calls by export name, a restart with the same environment, and further
 * `next start` instances on the same database (`startInstance`).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { SESSION_COOKIE } from '../../src/lib/auth/session-cookie';
import { createSession } from '../../src/lib/auth/sessions';
import { createPrisma } from '../../src/lib/db/prisma';
import { DEMO_ADMIN, DEMO_TEACHER, seedDatabase } from '../../src/lib/seed';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { DIST_DIR, ensureNextBuild } from './next-build';
import { startNextServer, type NextServer } from './next-server';
import { postAction, readServerActions, type ActionCall, type ServerAction } from './server-actions';

export interface DemoUser {
  id: string;
  email: string;
  password: string;
  cookie: string;
}

export interface TestApp {
  readonly url: string;
  readonly server: NextServer;
  db: TestDatabase;
  backupDir: string;
  encryptionKey: string;
  admin: DemoUser;
  teacher: DemoUser;
  sql<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  /** A cookie header for a new session of the user. */
  newCookie(userId: string): Promise<string>;
  /** Another `next start` on the same database and settings; the caller stops it. */
  startInstance(): Promise<NextServer>;
  hasAction(name: string): boolean;
  action(name: string): ServerAction;
  call(name: string, args: unknown[], cookie?: string): Promise<ActionCall>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export const sessionCookie = (token: string) => `${SESSION_COOKIE}=${token}`;

export async function startTestApp(options: { prepare?(sql: TestApp['sql']): Promise<void>; env?: Record<string, string> } = {}): Promise<TestApp> {
  await ensureNextBuild();
  const actions = readServerActions(DIST_DIR);
  const db = await createTestDatabase('erp_http_');
  await seedDatabase(db.url, 'demo');
  const pool = new pg.Pool({ connectionString: db.url, max: 4 });
  // Idle clients may still be closing when the database is dropped at the end: not an error.
  pool.on('error', () => undefined);
  const sql: TestApp['sql'] = async (text, values) => (await pool.query(text, values)).rows;
  await options.prepare?.(sql);

  const tempRoot = await mkdtemp(path.join(tmpdir(), 'erp-http-'));
  const backupDir = path.join(tempRoot, 'backups');
  const encryptionKey = randomBytes(32).toString('hex');
  const env = {
    DATABASE_URL: db.url,
    BACKUP_DIR: backupDir,
    BACKUP_ENCRYPTION_KEY: encryptionKey,
    // A schedule is on (health is green only then) that never fires during a run: 03:17 on 1 January.
    BACKUP_SCHEDULE: '17 3 1 1 *',
    ...options.env,
  };
  const prisma = createPrisma(db.url);
  const newCookie = async (userId: string) => sessionCookie((await createSession(prisma, { userId })).token);
  const demoUser = async (demo: typeof DEMO_ADMIN): Promise<DemoUser> => {
    const [row] = await sql<{ id: string }>('SELECT id FROM "User" WHERE email = $1', [demo.email]);
    if (!row) throw new Error(`the seed did not create ${demo.email}`);
    return { id: row.id, email: demo.email, password: demo.password, cookie: await newCookie(row.id) };
  };
  const [admin, teacher] = await Promise.all([demoUser(DEMO_ADMIN), demoUser(DEMO_TEACHER)]);
  let server = await startNextServer(env);

  const action = (name: string): ServerAction => {
    const found = actions.get(name);
    if (!found) throw new Error(`${name} has no action id in the build: no page imports it, so it cannot be called over HTTP`);
    return found;
  };
  return {
    get url() {
      return server.url;
    },
    get server() {
      return server;
    },
    db,
    backupDir,
    encryptionKey,
    admin,
    teacher,
    sql,
    newCookie,
    startInstance: () => startNextServer(env),
    hasAction: (name) => actions.has(name),
    action,
    call: (name, args, cookie) => postAction(server.url, action(name), args, { cookie }),
    async restart() {
      await server.stop();
      server = await startNextServer(env);
    },
    async close() {
      await server.stop();
      await prisma.$disconnect();
      await pool.end();
      await db.drop();
      await rm(tempRoot, { recursive: true, force: true });
    },
  };
}

export { waitFor } from '../helpers/wait-for';
