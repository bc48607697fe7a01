/**
 * Bad input gets a specific error and loses nothing: wrong key, tampering anywhere in the file,
 * truncation, schema mismatch, unknown tables, newer format versions, dropped connections,
 * cancellation and the GCM size limit. A failed backup leaves no file under its name; a failed
 * restore leaves the database exactly as it was.
 */
import { createReadStream } from 'node:fs';
import { readFile, writeFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyring, generateKeyHex } from '../../src/lib/backup/crypto/keys';
import { sealToFile } from '../../src/lib/backup/crypto/seal';
import { createBackupFile } from '../../src/lib/backup/dump/create-backup-file';
import { acquireOperationLock } from '../../src/lib/backup/database/operation-lock';
import {
  BackupError,
  CancelledError,
  CorruptBackupError,
  DatabaseUnavailableError,
  NotABackupError,
  OperationInProgressError,
  SchemaMismatchError,
  TooLargeError,
  TruncatedBackupError,
  UnsupportedVersionError,
  WrongKeyError,
} from '../../src/lib/backup/errors';
import { FrameType, MAGIC } from '../../src/lib/backup/format/constants';
import { encodeFrame } from '../../src/lib/backup/format/frame-encoder';
import { restoreDatabase } from '../../src/lib/backup/restore/restore-database';
import { verifyBackupStream } from '../../src/lib/backup/verify/verify-backup';
import { seedDatabase } from '../../src/lib/seed/index';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { dataSnapshot } from '../helpers/data-snapshot';
import { createEngineFixture, type EngineFixture } from '../helpers/engine';
import { withClient } from '../helpers/pg';
import { waitFor } from '../helpers/wait-for';

describe('failures are specific and lose nothing', () => {
  let source: TestDatabase;
  let target: TestDatabase;
  let engine: EngineFixture;
  let file: string;
  let bytes: Buffer;
  let fingerprint: string;

  beforeAll(async () => {
    [source, target] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    await Promise.all([seedDatabase(source.url, 'demo'), seedDatabase(target.url, 'demo')]);
    await withClient(target.url, (c) => c.query(`UPDATE "Student" SET "firstName" = 'Changed after backup'`));
    engine = await createEngineFixture();
    const backup = await engine.backup(source.url);
    file = backup.path;
    fingerprint = backup.keyFingerprint;
    bytes = await readFile(file);
  });
  afterAll(async () => {
    await Promise.all([source?.drop(), target?.drop(), engine?.cleanup()]);
  });

  const variant = async (name: string, content: Buffer) => {
    const p = path.join(engine.dir, name);
    await writeFile(p, content);
    return p;
  };

  /** Restores `p` into the target and checks the target did not change. */
  async function expectRestoreRefused(p: string, error: new (...args: never[]) => Error, keyring = engine.keyring, expectedFingerprint?: string) {
    const before = await dataSnapshot(target.url);
    await expect(
      restoreDatabase({ targetUrl: target.url, source: createReadStream(p), keyring, expectedFingerprint }),
    ).rejects.toBeInstanceOf(error);
    expect(await dataSnapshot(target.url)).toEqual(before);
  }

  it('names a wrong key as such, distinct from corruption', async () => {
    const other = createKeyring(generateKeyHex());
    await expect(verifyBackupStream(createReadStream(file), other)).rejects.toThrow(/different key/);
    await expect(verifyBackupStream(createReadStream(file), other, { expectedFingerprint: fingerprint })).rejects.toThrow(fingerprint);
    await expectRestoreRefused(file, WrongKeyError, other);
  });

  it('opens an old backup with a previous key', async () => {
    const rotated = createKeyring(generateKeyHex(), engine.keyring.current.key.toString('hex'));
    const result = await verifyBackupStream(createReadStream(file), rotated);
    expect(result.fingerprint).toBe(fingerprint);
  });

  it.each([
    ['IV byte 0', 0],
    ['tag byte 20', 20],
    ['first ciphertext byte', 32],
    ['a middle byte', -2],
    ['the last byte', -1],
  ])('refuses a bit flip in %s as a corrupt file', async (_label, position) => {
    const at = position === -1 ? bytes.length - 1 : position === -2 ? Math.floor(bytes.length / 2) : position;
    const tampered = Buffer.from(bytes);
    tampered[at]! ^= 0x01;
    const p = await variant(`flip-${at}.erpbak`, tampered);
    // Caught by the GCM tag at the end, or earlier by a table's SHA-256 when the flip lands in data.
    const error = await verifyBackupStream(createReadStream(p), engine.keyring, { expectedFingerprint: fingerprint }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupError);
    expect(['CORRUPT', 'CHECKSUM_MISMATCH']).toContain((error as BackupError).code);
    expect((error as Error).message).toMatch(/corrupt/);
    await expectRestoreRefused(p, BackupError, engine.keyring, fingerprint);
  });

  it.each([
    [0, NotABackupError],
    [15, TruncatedBackupError],
    [16, TruncatedBackupError],
    [31, TruncatedBackupError],
    [32, TruncatedBackupError],
  ])('refuses a file truncated to %i bytes', async (length, error) => {
    const p = await variant(`cut-${length}.erpbak`, bytes.subarray(0, length));
    await expect(verifyBackupStream(createReadStream(p), engine.keyring, { expectedFingerprint: fingerprint })).rejects.toBeInstanceOf(error);
  });

  it('refuses a file truncated mid-body and restores nothing', async () => {
    const p = await variant('cut-mid.erpbak', bytes.subarray(0, Math.floor(bytes.length * 0.9)));
    await expectRestoreRefused(p, CorruptBackupError, engine.keyring, fingerprint);
  });

  it('refuses a backup taken under other migrations, naming both', async () => {
    await withClient(target.url, (c) =>
      c.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count) VALUES ('x', 'abc', '20300101000000_future', now(), 1)`),
    );
    try {
      const before = await dataSnapshot(target.url);
      const attempt = engine.restore(target.url, file);
      await expect(attempt).rejects.toBeInstanceOf(SchemaMismatchError);
      await expect(attempt).rejects.toThrow(/the backup has \d+ migrations[\s\S]*20300101000000_future/);
      expect(await dataSnapshot(target.url)).toEqual(before);
    } finally {
      await withClient(target.url, (c) => c.query(`DELETE FROM "_prisma_migrations" WHERE id = 'x'`));
    }
  });

  it('refuses a file naming a table the database does not have, before any write', async () => {
    await withClient(target.url, (c) => c.query(`ALTER TABLE "Book" RENAME TO "Books"`));
    try {
      const attempt = engine.restore(target.url, file);
      await expect(attempt).rejects.toBeInstanceOf(SchemaMismatchError);
      await expect(attempt).rejects.toThrow(/"public.Book"/);
    } finally {
      await withClient(target.url, (c) => c.query(`ALTER TABLE "Books" RENAME TO "Book"`));
    }
  });

  it('refuses a newer format version, naming both versions', async () => {
    const manifest = { formatName: 'erp-backup', formatVersion: 3 };
    const payload = Buffer.concat([encodeFrame(FrameType.Manifest, Buffer.concat([MAGIC, Buffer.from(JSON.stringify(manifest))]))]);
    const p = path.join(engine.dir, 'future.erpbak');
    await sealToFile(Readable.from([gzipSync(payload)]), p, engine.keyring.current.key);
    const attempt = verifyBackupStream(createReadStream(p), engine.keyring);
    await expect(attempt).rejects.toBeInstanceOf(UnsupportedVersionError);
    await expect(attempt).rejects.toThrow(/version 3.*version 2/);
  });

  it('refuses to start a second operation while one holds the lock', async () => {
    const lock = await acquireOperationLock(source.url);
    try {
      await expect(acquireOperationLock(source.url)).rejects.toBeInstanceOf(OperationInProgressError);
    } finally {
      await lock.release();
    }
    const again = await acquireOperationLock(source.url);
    await again.release();
  });

  async function expectNoBackupFile(name: string) {
    const names = await readdir(engine.storage.directory);
    expect(names).not.toContain(name);
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
  }

  describe('a backup that fails in the middle of a large table', () => {
    let big: TestDatabase;
    beforeAll(async () => {
      big = await createTestDatabase();
      await withClient(big.url, async (c) => {
        await c.query(`INSERT INTO "School" (id, code, name, "foundedOn") VALUES (1, 'S', 'School', '2000-01-01')`);
        // Enough rows that the dump is still streaming "Book" when the failure arrives.
        await c.query(`INSERT INTO "Book" ("schoolId", title, authors) SELECT 1, 'Book ' || g || repeat('x', 200), '{}' FROM generate_series(1, 300000) g`);
      });
    });
    afterAll(() => big?.drop());

    const backupOf = (filename: string, extra: Partial<Parameters<typeof createBackupFile>[0]>) =>
      createBackupFile({ sourceUrl: big.url, storage: engine.storage, filename, keyring: engine.keyring, ...extra });

    it('reports a dropped connection, naming the table, and leaves no file', async () => {
      let killing: Promise<unknown> | undefined;
      const attempt = backupOf('dropped.erpbak', {
        onProgress: (p) => {
          if (p.table === 'public.Book' && !killing) {
            killing = withClient(big.url, (c) =>
              c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'erp-backup-dump' AND datname = current_database()`),
            );
          }
        },
      });
      await expect(attempt).rejects.toBeInstanceOf(DatabaseUnavailableError);
      await expect(attempt).rejects.toThrow(/"public.Book"/);
      await killing;
      await expectNoBackupFile('dropped.erpbak');
    });

    it('stops on cancel, releases the database and leaves no file', async () => {
      const controller = new AbortController();
      const attempt = backupOf('cancelled.erpbak', { signal: controller.signal, onProgress: (p) => p.table === 'public.Book' && controller.abort() });
      await expect(attempt).rejects.toBeInstanceOf(CancelledError);
      await expectNoBackupFile('cancelled.erpbak');
      // The server ends the cancelled backends asynchronously: wait (bounded) for them to be gone.
      const countDumps = () => withClient(big.url, async (c) => (await c.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'erp-backup-dump'`)).rows[0].n as number);
      await waitFor('the dump backends to end', async () => (await countDumps()) === 0, 10_000, 100).catch(() => undefined);
      expect(await countDumps()).toBe(0);
    });

    it('refuses to run past the AES-GCM limit for one IV', async () => {
      await expect(backupOf('too-large.erpbak', { gcmLimitBytes: 200 * 1024 })).rejects.toBeInstanceOf(TooLargeError);
      await expectNoBackupFile('too-large.erpbak');
    });
  });

  it('rolls a restore back when its connection drops midway', async () => {
    const before = await dataSnapshot(target.url);
    let killed = false;
    const attempt = restoreDatabase({
      targetUrl: target.url,
      source: createReadStream(file),
      keyring: engine.keyring,
      onProgress: (p) => {
        if (killed || p.phase !== 'loading' || p.tablesDone < 3) return;
        killed = true;
        void withClient(target.url, (c) => c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'erp-backup-restore' AND datname = current_database()`));
      },
    });
    await expect(attempt).rejects.toBeInstanceOf(DatabaseUnavailableError);
    expect(await dataSnapshot(target.url)).toEqual(before);
  });
});
