/**
 * Pins, on one connection, every session setting that changes the text of COPY data or how it
 * is parsed, as `pg_dump` does in `setup_connection` (and a few more it leaves to the server),
 * so that a database or role with other defaults (`ALTER DATABASE … SET DateStyle = 'SQL, DMY'`)
 * dumps and restores exactly the same values. Both the dump and the restore connection call
 * `pinSessionSettings` first; catalog queries then run under `search_path = ''`, so every name
 * they print (format_type, regclass, pg_get_*def) is schema-qualified.
 *
 * The timeouts are set to 0 here; the restore sets its own with SET LOCAL afterwards.
 */
import type pg from 'pg';

/** Settings that decide COPY text output and input, and the catalog's spelling of names. */
export const PINNED_SETTINGS: Readonly<Record<string, string>> = {
  client_encoding: 'UTF8',
  DateStyle: 'ISO, MDY',
  IntervalStyle: 'postgres',
  TimeZone: 'UTC',
  extra_float_digits: '3',
  bytea_output: 'hex',
  standard_conforming_strings: 'on',
  xmloption: 'content',
  array_nulls: 'on',
  lc_monetary: 'C',
  search_path: '',
  row_security: 'off',
  statement_timeout: '0',
  lock_timeout: '0',
  idle_in_transaction_session_timeout: '0',
  synchronize_seqscans: 'off',
};

/** Settings that exist only from a given server version (server_version_num). */
const VERSIONED_SETTINGS: readonly { name: string; value: string; since: number }[] = [
  { name: 'idle_session_timeout', value: '0', since: 140000 },
  { name: 'transaction_timeout', value: '0', since: 170000 },
];

export async function pinSessionSettings(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ version: number }>(`SELECT current_setting('server_version_num')::int AS version`);
  const version = rows[0]!.version;
  const settings = [
    ...Object.entries(PINNED_SETTINGS),
    ...VERSIONED_SETTINGS.filter((s) => version >= s.since).map((s) => [s.name, s.value] as const),
  ];
  const names = settings.map(([name]) => name);
  const values = settings.map(([, value]) => value);
  await client.query(`SELECT pg_catalog.set_config(name, value, false) FROM unnest($1::text[], $2::text[]) AS s(name, value)`, [names, values]);
}
