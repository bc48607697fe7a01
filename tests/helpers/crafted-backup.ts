/**
 * Backup files crafted by a holder of the key, for attack and fuzz tests: `readBackupContent`
 * opens a real backup into its manifest and each table's COPY data; `writeCraftedBackup` seals
 * a payload (honest frames from the reference writer around any COPY data, or raw payload
 * bytes) with the right key, so that only the content is wrong, never the cryptography.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import type { Keyring } from '../../src/lib/backup/crypto/keys';
import { sealToFile } from '../../src/lib/backup/crypto/seal';
import type { Manifest } from '../../src/lib/backup/format/manifest';
import { encodePayload, type PayloadInput } from '../../src/lib/backup/format/payload-writer';
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

/** The payload bytes the reference writer makes of this content (honest counts and checksums). */
export async function encodeContent(content: BackupContent): Promise<Buffer> {
  const events: PayloadInput[] = [{ type: 'manifest', manifest: content.manifest }];
  for (const table of content.manifest.tables) {
    events.push({ type: 'tableBegin', table: table.name });
    const data = content.tables.get(table.name) ?? Buffer.alloc(0);
    if (data.length > 0) events.push({ type: 'tableData', table: table.name, chunk: data });
    events.push({ type: 'tableEnd', table: table.name });
  }
  const chunks: Buffer[] = [];
  for await (const chunk of encodePayload(events)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export async function sealPayload(payload: Buffer, path: string, keyring: Keyring): Promise<string> {
  await sealToFile(Readable.from([gzipSync(payload)]), path, keyring.current.key);
  return path;
}
