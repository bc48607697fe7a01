/**
 * A data-only picture of a database for exactness checks: every table of every schema in a
 * backup's scope, its rows (generated columns included) as PostgreSQL's own COPY text (what `pg_dump --data-only` writes) under
 * the pinned session settings, sorted, plus every sequence's state and every materialized view's
 * rows. Two databases with equal snapshots hold the same data, byte for byte, for every type.
 * When a `pg_dump` of the server's major version is installed, `pgDumpDataOnly` gives the real
 * thing too.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { qualifiedName, readCatalog } from '../../src/lib/backup/database/catalog';
import { pinSessionSettings } from '../../src/lib/backup/database/session-settings';
import { withClient } from './pg';

const run = promisify(execFile);

export interface DataSnapshot {
  tables: Record<string, string[]>;
  sequences: Record<string, string>;
  materializedViews: Record<string, string[]>;
}

async function copyText(client: pg.Client, sql: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of client.query(copyTo(sql)) as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

const sortedLines = (text: string) => text.split('\n').filter((line) => line !== '').sort();

export async function dataSnapshot(url: string): Promise<DataSnapshot> {
  return withClient(url, async (client) => {
    await pinSessionSettings(client);
    const catalog = await readCatalog(client);
    const snapshot: DataSnapshot = { tables: {}, sequences: {}, materializedViews: {} };
    for (const table of catalog.tables) {
      // Every column, generated ones included: PostgreSQL must have recomputed them.
      snapshot.tables[table.key] = sortedLines(await copyText(client, `COPY (SELECT * FROM ONLY ${qualifiedName(table)}) TO STDOUT`));
    }
    for (const s of catalog.sequences) {
      const { rows } = await client.query(`SELECT last_value::text || ':' || is_called::text AS state FROM ${qualifiedName(s)}`);
      snapshot.sequences[s.key] = rows[0].state;
    }
    for (const view of catalog.materializedViews) {
      const { rows } = await client.query(`SELECT relispopulated AS populated FROM pg_catalog.pg_class WHERE oid = $1::text::regclass`, [qualifiedName(view)]);
      snapshot.materializedViews[view.key] = rows[0].populated
        ? sortedLines(await copyText(client, `COPY (SELECT * FROM ${qualifiedName(view)}) TO STDOUT`))
        : ['(not populated)'];
    }
    return snapshot;
  });
}

/** Sorted data-only pg_dump lines, or null when no pg_dump matches the server's major version. */
export async function pgDumpDataOnly(url: string, excludeTables: readonly string[]): Promise<string[] | null> {
  const { rows } = await withClient(url, (c) => c.query<{ major: string }>(`SELECT current_setting('server_version_num')::int / 10000 AS major`));
  const version = await run('pg_dump', ['--version']).then((r) => r.stdout, () => '');
  const major = /\s(\d+)\./.exec(version)?.[1];
  if (!major || major !== String(rows[0]!.major)) return null;
  const args = ['--data-only', '--no-owner', '--no-privileges', ...excludeTables.flatMap((t) => ['--exclude-table', `"${t}"`]), url];
  // pg_dump pins DateStyle but not TimeZone: pin it so that equal instants print alike.
  const { stdout } = await run('pg_dump', args, { maxBuffer: 512 * 1024 * 1024, env: { ...process.env, PGTZ: 'UTC' } });
  return stdout
    .split('\n')
    // \restrict/\unrestrict (pg_dump 15.14+) carry a random key per run.
    .filter((line) => line !== '' && !/^(--|SET |SELECT pg_catalog.set_config|\\(un)?restrict )/.test(line))
    .sort();
}
