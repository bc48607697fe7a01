/**
 * The per-table reader on sealed files built byte by byte: each chosen table's sink receives
 * exactly its COPY data and is finished after its checks; skipped tables still count; a file
 * whose table lies about its hash aborts the open sink and never resolves; a sink that took in
 * another number of rows fails the read; a damaged tag rejects
 * after the data was handed out, so a consumer that waits for the promise never commits it.
 */
import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createKeyring, generateKeyHex } from '../crypto/keys';
import { sealBuffer, withTempDir } from '../../../../tests/helpers/sealed-files';
import { PayloadBuilder, validPayload } from '../../../../tests/helpers/payload-builder';
import { readBackupTables, type TableSink } from './read-backup-tables';

const keyHex = generateKeyHex();
const keyring = createKeyring(keyHex);

async function sealed(dir: string, payload: Buffer): Promise<string> {
  const file = path.join(dir, 'backup.erpbak');
  await sealBuffer(gzipSync(payload), file, keyring.current.key);
  return file;
}

function recordingSink(log: string[], table: string): TableSink & { data: Buffer[] } {
  const data: Buffer[] = [];
  return {
    data,
    write: async (chunk) => void data.push(chunk),
    finish: async () => void log.push(`finish ${table}`),
    abort: async () => void log.push(`abort ${table}`),
  };
}

describe('readBackupTables', () => {
  it('hands each chosen table its COPY data, skips the others, and resolves with the verified file', async () => {
    await withTempDir(async (dir) => {
      const file = await sealed(dir, validPayload());
      const log: string[] = [];
      const sinks = new Map<string, ReturnType<typeof recordingSink>>();
      const result = await readBackupTables({
        source: createReadStream(file),
        keyring,
        onManifest: (m) => void log.push(`manifest ${m.tables.length}`),
        openTable: (t) => {
          if (t.name !== 'public.student') return undefined;
          const sink = recordingSink(log, t.name);
          sinks.set(t.name, sink);
          return sink;
        },
        onTableEnd: (t, rows) => void log.push(`end ${t.name} ${rows}`),
      });
      expect(Buffer.concat(sinks.get('public.student')!.data).toString()).toBe('1\tAda\t\\N\n2\tBob\t2020-01-01\n3\tC\\na\n');
      expect(log).toEqual(['manifest 2', 'end public.school 2', 'finish public.student', 'end public.student 3']);
      expect(result.trailer.totalRows).toBe(5);
      expect(result.fingerprint).toBe(keyring.current.fingerprint);
    });
  });

  it('aborts the open sink when a table does not match its checksum', async () => {
    await withTempDir(async (dir) => {
      const payload = new PayloadBuilder().manifest().table('public.school', ['1\tNorth\n'], { sha256: '0'.repeat(64) }).table('public.student', []).trailer().end().build();
      const file = await sealed(dir, payload);
      const log: string[] = [];
      await expect(readBackupTables({ source: createReadStream(file), keyring, openTable: (t) => recordingSink(log, t.name) })).rejects.toMatchObject({
        code: 'CHECKSUM_MISMATCH',
      });
      expect(log).toEqual(['abort public.school']);
    });
  });

  it('fails when a sink took in fewer rows than the file holds', async () => {
    await withTempDir(async (dir) => {
      const file = await sealed(dir, validPayload());
      const short: TableSink = { write: async () => undefined, finish: async () => 1, abort: async () => undefined };
      await expect(readBackupTables({ source: createReadStream(file), keyring, openTable: () => short })).rejects.toMatchObject({
        code: 'CHECKSUM_MISMATCH',
        table: 'public.school',
      });
    });
  });

  it('rejects a file whose tag does not verify, after the data was read', async () => {
    await withTempDir(async (dir) => {
      const file = await sealed(dir, validPayload());
      const bytes = await readFile(file);
      bytes[20]! ^= 0x01; // inside the GCM tag
      await writeFile(file, bytes);
      const log: string[] = [];
      await expect(readBackupTables({ source: createReadStream(file), keyring, openTable: (t) => recordingSink(log, t.name) })).rejects.toMatchObject({
        code: 'CORRUPT',
      });
      expect(log).toEqual(['finish public.school', 'finish public.student']);
    });
  });
});
