/**
 * Refusals with their own codes, and cancellation in the phase that used to ignore it:
 * a role that does not own the tables gets INSUFFICIENT_PRIVILEGE (restore: triggers cannot be
 * suspended; backup: a row-level security policy would hide rows), never INTERNAL, and nothing
 * changes; an abort during the index builds stops the running statement at once.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelledError, InsufficientPrivilegeError } from '../../src/lib/backup/errors';
import { restoreDatabase } from '../../src/lib/backup/restore/restore-database';
import { createReadStream } from 'node:fs';
import { createEmptyDatabase, type TestDatabase } from '../helpers/database';
import { dataSnapshot } from '../helpers/data-snapshot';
import { createEngineFixture, type EngineFixture } from '../helpers/engine';
import { withClient } from '../helpers/pg';

describe('refusals and cancellation', () => {
  let engine: EngineFixture;
  let db: TestDatabase;
  const role = `erp_nonowner_${randomBytes(4).toString('hex')}`;
  let roleUrl: string;

  beforeAll(async () => {
    engine = await createEngineFixture();
    db = await createEmptyDatabase('erp_refuse_');
    await withClient(db.url, (c) =>
      c.query(`
        CREATE ROLE ${role} LOGIN PASSWORD 'not-the-owner';
        CREATE TABLE pupil (id integer PRIMARY KEY, name text);
        CREATE FUNCTION noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
        CREATE TRIGGER noop BEFORE INSERT ON pupil FOR EACH ROW EXECUTE FUNCTION noop();
        CREATE TABLE secret (id integer, owner_name text);
        ALTER TABLE secret ENABLE ROW LEVEL SECURITY;
        CREATE POLICY own_rows ON secret USING (owner_name = current_user);
        INSERT INTO pupil VALUES (1, 'Ada'); INSERT INTO secret VALUES (1, 'someone');
        GRANT SELECT, INSERT, TRUNCATE ON ALL TABLES IN SCHEMA public TO ${role};`),
    );
    const url = new URL(db.url);
    url.username = role;
    url.password = 'not-the-owner';
    roleUrl = url.toString();
  });
  afterAll(async () => {
    await db?.drop();
    await withClient(db.serverUrl, (c) => c.query(`DROP ROLE IF EXISTS ${role}`)).catch(() => undefined);
    await engine?.cleanup();
  });

  it('refuses a backup that a row-level security policy would cut short, naming the table', async () => {
    const attempt = engine.backup(roleUrl, 'rls.erpbak');
    await expect(attempt).rejects.toBeInstanceOf(InsufficientPrivilegeError);
    await expect(attempt).rejects.toThrow(/"public.secret"/);
  });

  it('refuses a restore by a role that cannot suspend the triggers, and changes nothing', async () => {
    const backup = await engine.backup(db.url);
    const before = await dataSnapshot(db.url);
    const attempt = engine.restore(roleUrl, backup.path);
    await expect(attempt).rejects.toBeInstanceOf(InsufficientPrivilegeError);
    await expect(attempt).rejects.toThrow(/owner/);
    expect(await dataSnapshot(db.url)).toEqual(before);
  });

  it('stops an index build at once when cancelled', async () => {
    const slow = await createEmptyDatabase('erp_refuse_');
    try {
      // An expression index whose every entry takes 10 ms once erp.slow is on: a 10 s build.
      await withClient(slow.url, (c) =>
        c.query(`
          CREATE FUNCTION slow_key(v integer) RETURNS integer LANGUAGE plpgsql IMMUTABLE AS $$
            BEGIN IF current_setting('erp.slow', true) = 'on' THEN PERFORM pg_sleep(0.01); END IF; RETURN v; END $$;
          CREATE TABLE t (id integer PRIMARY KEY, v integer);
          INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;
          CREATE INDEX t_slow ON t (slow_key(v));`),
      );
      const backup = await engine.backup(slow.url);
      await withClient(slow.url, (c) => c.query(`DELETE FROM t WHERE id > 500; ALTER DATABASE ${c.escapeIdentifier(slow.name)} SET erp.slow = on`));
      const before = await dataSnapshot(slow.url);
      const controller = new AbortController();
      let abortedAt = 0;
      const attempt = restoreDatabase({
        targetUrl: slow.url,
        source: createReadStream(backup.path),
        keyring: engine.keyring,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'indexing' && abortedAt === 0) {
            setTimeout(() => {
              abortedAt = performance.now();
              controller.abort();
            }, 300);
          }
        },
      });
      await expect(attempt).rejects.toBeInstanceOf(CancelledError);
      expect(abortedAt).toBeGreaterThan(0);
      expect(performance.now() - abortedAt).toBeLessThan(2_000);
      expect(await dataSnapshot(slow.url)).toEqual(before);
      const restoring = await withClient(slow.url, async (c) => (await c.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'erp-backup-restore'`)).rows[0].n);
      expect(restoring).toBe(0);
    } finally {
      await slow.drop();
    }
  });
});
