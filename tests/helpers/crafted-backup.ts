/**
 * Backup files crafted by a holder of the key, for attack and fuzz tests: `readBackupContent`
 * opens a real backup into its manifest and each table's COPY data; `encodeContent` frames any
 * COPY data honestly; `sealPayload` seals payload bytes with the right key, so that only the
 * content is wrong, never the cryptography.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import type { Keyring } from '../../src/lib/backup/crypto/keys';
import { sealToFile } from '../../src/lib/backup/crypto/seal';
import type { Manifest } from '../../src/lib/backup/format/manifest';
import { MAX_TABLE_DATA_BODY } from '../../src/lib/backup/format/constants';
import { PayloadBuilder } from './payload-builder';
import { openBackup } from '../../src/lib/backup/restore/open-backup';

export interface BackupContent {
  manifest: Manifest;
  tables: Map<string, Buffer>;
}

export async function readBackupContent(file: string, keyring: Keyring): Promise<BackupContent> {
  const opened = await openBackup(createReadStream(file), keyring);
  let manifest: Manifest | undefined;
  const parts = new Map<string, Buffer[]>();
  for await (const event of opened.events) {
    if (event.type === 'manifest') manifest = event.manifest;
    else if (event.type === 'tableBegin') parts.set(event.table, []);
    else if (event.type === 'tableData') parts.get(event.table)!.push(Buffer.from(event.chunk));
  }
  return { manifest: manifest!, tables: new Map([...parts].map(([name, chunks]) => [name, Buffer.concat(chunks)])) };
}

/**
 * Payload bytes for this content with honest frames, counts and checksums, built frame by frame
 * (not by the reference writer, which refuses some crafted data itself).
 */
export function encodeContent(content: BackupContent): Buffer {
  const builder = new PayloadBuilder().manifest(content.manifest);
  for (const table of content.manifest.tables) {
    const data = content.tables.get(table.name) ?? Buffer.alloc(0);
    const chunks: Buffer[] = [];
    for (let at = 0; at < data.length; at += MAX_TABLE_DATA_BODY) chunks.push(data.subarray(at, at + MAX_TABLE_DATA_BODY));
    builder.table(table.name, chunks);
  }
  return builder.trailer().end().build();
}

export async function sealPayload(payload: Buffer, path: string, keyring: Keyring): Promise<string> {
  await sealToFile(Readable.from([gzipSync(payload)]), path, keyring.current.key);
  return path;
}
