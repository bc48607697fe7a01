/**
 * Manual check, not part of `npm test`: backs each corpus up on one server and restores it into a
 * fresh database built from the same DDL on another (e.g. the system PostgreSQL 15 → the embedded
 * 18), then compares the content fingerprints. Tables that exist only on the newer server
 * (virtual generated columns) are dropped from the target first.
 *
 *   FROM_URL=postgresql://postgres:postgres@127.0.0.1:5432/postgres \
 *   TO_PORT=15441 npx tsx tests/corpus/cross-version.ts
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { createKeyring, generateKeyHex } from '../../src/lib/backup/crypto/keys';
import { createBackupFile } from '../../src/lib/backup/dump/create-backup-file';
import { restoreDatabase } from '../../src/lib/backup/restore/restore-database';
import { LocalStorage } from '../../src/lib/backup/storage/local-storage';
import { startEmbeddedPostgres } from '../../src/lib/db/embedded-postgres';
import { urlWithDatabase } from '../helpers/database-names';
import { dataSnapshot } from '../helpers/data-snapshot';

const fromUrl = process.env.FROM_URL ?? 'postgresql://postgres:postgres@127.0.0.1:5432/postgres';
const toPort = Number(process.env.TO_PORT ?? 15441);

async function sql(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const server = await startEmbeddedPostgres({ dataDir: path.join(process.cwd(), '.data', `test-postgres-${toPort}`), port: toPort, ephemeralDurability: true });
const dir = await mkdtemp(path.join(tmpdir(), 'erp-cross-'));
const keyring = createKeyring(generateKeyHex());
let failures = 0;
try {
  for (const corpus of ['ledger', 'library']) {
    const name = `erp_cross_${corpus}_${randomBytes(3).toString('hex')}`;
    const source = urlWithDatabase(fromUrl, name);
    const target = server.urlFor(name);
    const schema = await readFile(path.join(import.meta.dirname, corpus, 'schema.sql'), 'utf8');
    const data = await readFile(path.join(import.meta.dirname, corpus, 'data.sql'), 'utf8');
    await sql(fromUrl, `CREATE DATABASE ${name}`);
    await sql(server.urlFor('postgres'), `CREATE DATABASE ${name}`);
    try {
      await sql(source, schema);
      await sql(source, data);
      await sql(target, schema);
      await sql(target, 'DROP TABLE IF EXISTS public.virtual_generated');
      await createBackupFile({ sourceUrl: source, storage: new LocalStorage(dir), filename: `${name}.erpbak`, keyring });
      await restoreDatabase({ targetUrl: target, source: createReadStream(path.join(dir, `${name}.erpbak`)), keyring });
      const [a, b] = await Promise.all([dataSnapshot(source), dataSnapshot(target)]);
      const same = isDeepStrictEqual(a, b);
      if (!same) failures += 1;
      console.log(`${corpus}: ${Object.keys(a.tables).length} tables, ${Object.keys(a.sequences).length} sequences: ${same ? 'identical' : 'DIFFERENT'}`);
      if (!same) for (const key of Object.keys(a.tables)) if (!isDeepStrictEqual(a.tables[key], b.tables[key])) console.log('  differs:', key);
    } finally {
      await sql(fromUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await sql(server.urlFor('postgres'), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true });
  await server.stop();
}
process.exitCode = failures === 0 ? 0 : 1;
