/**
 * One running app per test file: a fresh migrated database seeded with the demo data set (demo
 * admin and teacher included), a temporary BACKUP_DIR, a random encryption key and AUTH_SECRET,
 * and the test build served by `next start` (NODE_ENV=production, schedules off, the worker in
 * the server process). Gives signed session cookies for the demo users (minted with the app's
 * own signing function and secret), SQL access to the database, action calls by export name,
 * and a restart with the same environment.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createSessionToken, SESSION_COOKIE } from '../../src/lib/auth/session';
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
  authSecret: string;
  encryptionKey: string;
  admin: DemoUser;
  teacher: DemoUser;
  sql<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  hasAction(name: string): boolean;
  action(name: string): ServerAction;
  call(name: string, args: unknown[], cookie?: string): Promise<ActionCall>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export const sessionCookie = (token: string) => `${SESSION_COOKIE}=${token}`;

export async function startTestApp(options: { prepare?(sql: TestApp['sql']): Promise<void> } = {}): Promise<TestApp> {
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
  const authSecret = randomBytes(32).toString('hex');
  const encryptionKey = randomBytes(32).toString('hex');
  const env = {
    DATABASE_URL: db.url,
    BACKUP_DIR: backupDir,
    BACKUP_ENCRYPTION_KEY: encryptionKey,
    AUTH_SECRET: authSecret,
    BACKUP_SCHEDULE_ENABLED: 'false',
  };
  const demoUser = async (demo: typeof DEMO_ADMIN): Promise<DemoUser> => {
    const [row] = await sql<{ id: string }>('SELECT id FROM "User" WHERE email = $1', [demo.email]);
    if (!row) throw new Error(`the seed did not create ${demo.email}`);
    return { id: row.id, email: demo.email, password: demo.password, cookie: sessionCookie(createSessionToken(row.id, authSecret)) };
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
    authSecret,
    encryptionKey,
    admin,
    teacher,
    sql,
    hasAction: (name) => actions.has(name),
    action,
    call: (name, args, cookie) => postAction(server.url, action(name), args, { cookie }),
    async restart() {
      await server.stop();
      server = await startNextServer(env);
    },
    async close() {
      await server.stop();
      await pool.end();
      await db.drop();
      await rm(tempRoot, { recursive: true, force: true });
    },
  };
}

export { waitFor } from '../helpers/wait-for';
