/**
 * The embedded server in a directory its user cannot enter (a clone under /root, any 0700
 * folder): as root, startEmbeddedPostgres refuses before spawning anything, naming the directory
 * and the fixes; as any other user (who runs the server itself and owns the folder) it starts.
 */
import { mkdtemp, rm, chmod } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedPostgresAccessError, startEmbeddedPostgres } from './embedded-postgres';

const PORT = Number(process.env.TEST_PG_PORT ?? 25442) + 5;

describe('embedded PostgreSQL in a 0700 directory', () => {
  let closed: string | undefined;
  afterAll(async () => {
    if (closed) await rm(closed, { recursive: true, force: true });
  });

  it(userInfo().uid === 0 ? 'as root: fails with a message naming the directory and the fix' : 'as a normal user: starts', async () => {
    closed = await mkdtemp(path.join(tmpdir(), 'erp-closed-'));
    await chmod(closed, 0o700);
    const dataDir = path.join(closed, 'project', '.data', 'postgres');
    const attempt = startEmbeddedPostgres({ dataDir, port: PORT, ephemeralDurability: true });
    if (userInfo().uid === 0) {
      const error = await attempt.then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(EmbeddedPostgresAccessError);
      expect((error as EmbeddedPostgresAccessError).directory).toBe(closed);
      expect((error as Error).message).toContain(`chmod o+x ${closed}`);
      expect((error as Error).message).toContain('DATABASE_URL');
    } else {
      const server = await attempt;
      await server.stop();
    }
  });
});
