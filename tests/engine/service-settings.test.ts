/**
 * Through the service (Prisma rows and all), a database whose defaults are `DateStyle = 'SQL, DMY'`
 * and `IntervalStyle = 'sql_standard'` backs up and restores: before the pinned sessions, the
 * backup wrote a file and then failed with "Invalid time value" reading its own row back, and
 * the file would not restore elsewhere. The restore leaves its commit marker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasCommitMarker } from '../../src/lib/backup/restore/commit-marker';
import { requestBackup, requestRestore } from '../../src/lib/backup/service/requests';
import { runOperation } from '../../src/lib/backup/service/run-operation';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { dataSnapshot } from '../helpers/data-snapshot';
import { createServiceFixture, type ServiceFixture } from '../helpers/service';
import { withClient } from '../helpers/pg';

const admin = { kind: 'user', id: 'admin-id', email: 'admin@school.test' } as const;

describe('a database with non-default date and interval output', () => {
  let db: TestDatabase;
  let fx: ServiceFixture;

  beforeAll(async () => {
    db = await createTestDatabase();
    await withClient(db.url, async (c) => {
      await c.query(`ALTER DATABASE ${c.escapeIdentifier(db.name)} SET DateStyle = 'SQL, DMY'`);
      await c.query(`ALTER DATABASE ${c.escapeIdentifier(db.name)} SET IntervalStyle = 'sql_standard'`);
    });
    await withClient(db.url, (c) => c.query(`CREATE TABLE public.span (id integer PRIMARY KEY, d date, i interval); INSERT INTO public.span VALUES (1, '2024-12-31', '-3 days -04:05:06')`));
    fx = await createServiceFixture(db.url);
  });
  afterAll(async () => {
    await fx?.cleanup();
    await db?.drop();
  });

  it('backs up and restores through the service, exactly', async () => {
    const before = await dataSnapshot(db.url);
    const { operationId, backupId } = await requestBackup(fx.ctx, { actor: admin });
    const created = await runOperation(fx.ctx, operationId);
    expect(created.status, created.error ?? '').toBe('COMPLETED');
    const row = await fx.ctx.prisma.backup.findUniqueOrThrow({ where: { id: backupId } });
    expect(row.createdAt.getTime()).not.toBeNaN();

    await withClient(db.url, (c) => c.query(`UPDATE public.span SET i = '1 second', d = '2000-01-01'`));
    const restore = await requestRestore(fx.ctx, { actor: admin, backupId });
    const restored = await runOperation(fx.ctx, restore.operationId);
    expect(restored.status, restored.error ?? '').toBe('COMPLETED');
    expect(await dataSnapshot(db.url)).toEqual(before);
    expect(await withClient(db.url, (c) => hasCommitMarker(c, restore.operationId))).toBe(true);
  });
});
