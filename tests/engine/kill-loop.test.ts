/**
 * Crash tests in the manner of SQLite's: a restore (and a backup) run in a child process that
 * SIGKILLs itself at advancing points — during the load, before each finishing step (the
 * sequences among them), just before COMMIT, with the COMMIT on the wire, and just after it.
 * Afterwards the target holds exactly its data from before (every table, sequence, view and
 * trigger state) or exactly the backup's, the restore's commit marker says which, and recovery
 * records the operation truthfully from that marker. A killed backup never leaves a file under
 * its name that is not a complete, valid backup.
 */
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyring, generateKeyHex } from '../../src/lib/backup/crypto/keys';
import { createBackupFile } from '../../src/lib/backup/dump/create-backup-file';
import { hasCommitMarker } from '../../src/lib/backup/restore/commit-marker';
import { recoverInterruptedOperations } from '../../src/lib/backup/service/recovery';
import { LocalStorage } from '../../src/lib/backup/storage/local-storage';
import { verifyBackupStream } from '../../src/lib/backup/verify/verify-backup';
import { corpusFile, fingerprint, runSqlFile, type Fingerprint } from '../corpus/corpus-database';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createServiceFixture, type ServiceFixture } from '../helpers/service';
import { withClient } from '../helpers/pg';

const RESTORE_KILL_POINTS = ['table:1', 'table:3', 'constraints', 'sequences', 'materialized-views', 'triggers', 'commit', 'commit-sent', 'done'];
const BACKUP_KILL_POINTS = ['0', '2', 'done'];

function runChild(script: string, args: string[]): Promise<{ signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolve) => {
    // Node itself (not the tsx wrapper, which would outlive the kill) runs the script.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'kill', script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (_code, signal) => resolve({ signal, output }));
  });
}

async function libraryDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase('erp_kill_');
  await runSqlFile(db.url, corpusFile('library', 'schema.sql'));
  await runSqlFile(db.url, corpusFile('library', 'data.sql'));
  return db;
}

describe('killed at any point', () => {
  const keyHex = generateKeyHex();
  const keyring = createKeyring(keyHex);
  let dir: string;
  let source: TestDatabase;
  let target: TestDatabase;
  let service: ServiceFixture;
  let file: string;
  let backupContent: Fingerprint;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'erp-kill-'));
    [source, target] = await Promise.all([libraryDatabase(), libraryDatabase()]);
    const storage = new LocalStorage(dir);
    await createBackupFile({ sourceUrl: source.url, storage, filename: 'source.erpbak', keyring });
    file = await storage.pathOf('source.erpbak');
    backupContent = await fingerprint(source.url);
    service = await createServiceFixture(target.url);
  });
  afterAll(async () => {
    await service?.cleanup();
    await Promise.all([source?.drop(), target?.drop()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('leaves the target exactly before or exactly after a restore, and recovery says which', { timeout: 90_000 }, async () => {
    const outcomes: Record<string, string> = {};
    for (const point of RESTORE_KILL_POINTS) {
      await runSqlFile(target.url, corpusFile('library', 'changes.sql'));
      const before = await fingerprint(target.url);
      expect(before).not.toEqual(backupContent);
      const backupRow = await service.ctx.prisma.backup.create({ data: { filename: `kill-${point}.erpbak`, status: 'COMPLETED' } });
      const operation = await service.ctx.prisma.backupOperation.create({ data: { backupId: backupRow.id, kind: 'RESTORE', status: 'RUNNING' } });

      const { signal, output } = await runChild('restore-child.ts', [target.url, file, keyHex, operation.id, point]);
      expect(signal, `${point}: ${output}`).toBe('SIGKILL');

      const committed = await withClient(target.url, (c) => hasCommitMarker(c, operation.id));
      expect(await fingerprint(target.url)).toEqual(committed ? backupContent : before);
      await recoverInterruptedOperations(service.ctx);
      const recorded = await service.ctx.prisma.backupOperation.findUniqueOrThrow({ where: { id: operation.id } });
      expect(recorded.status).toBe(committed ? 'COMPLETED' : 'FAILED');
      outcomes[point] = committed ? 'committed' : 'rolled back';
    }
    // Every kill before COMMIT rolled back; one after it committed. (`commit-sent` may go either way.)
    const { ['commit-sent']: _either, ...decided } = outcomes;
    expect(decided).toEqual({
      'table:1': 'rolled back',
      'table:3': 'rolled back',
      constraints: 'rolled back',
      sequences: 'rolled back',
      'materialized-views': 'rolled back',
      triggers: 'rolled back',
      commit: 'rolled back',
      done: 'committed',
    });
  });

  it('never leaves a file under its name that is not a complete, valid backup', { timeout: 60_000 }, async () => {
    const backupDir = path.join(dir, 'killed-backups');
    for (const point of BACKUP_KILL_POINTS) {
      const name = `killed-after-${point}.erpbak`;
      const { signal, output } = await runChild('backup-child.ts', [source.url, backupDir, name, keyHex, point]);
      expect(signal, `${point}: ${output}`).toBe('SIGKILL');
      const names = await readdir(backupDir).catch(() => [] as string[]);
      if (point === 'done') {
        expect(names).toContain(name);
        await expect(verifyBackupStream(createReadStream(path.join(backupDir, name)), keyring)).resolves.toMatchObject({ tables: expect.any(Number) });
      } else {
        expect(names).not.toContain(name);
      }
    }
  });
});
