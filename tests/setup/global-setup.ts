/**
 * Vitest global setup: provides a PostgreSQL server with a migrated template database.
 * - `TEST_DATABASE_URL` set: that server is used (the URL's database is only used to connect).
 * - otherwise: an embedded server under `.data/test-postgres` on `TEST_PG_PORT` (default 25442, below the ephemeral port range),
 *   with fsync off, stopped at the end of the run if this setup started it.
 * Each test file then copies the template into a database of its own (tests/helpers/database.ts),
 * as epic-stack does with its base database.
 */
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/lib/db/embedded-postgres';
import { migrate } from '../../src/lib/db/migrations';
import { PROJECT_ROOT } from '../../src/lib/db/database-url';
import { TEMPLATE_PREFIX, urlWithDatabase } from '../helpers/database-names';

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
    pgTemplateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  let serverUrl: string;
  let stop = async () => undefined as void;
  if (process.env.TEST_DATABASE_URL) {
    serverUrl = urlWithDatabase(process.env.TEST_DATABASE_URL, 'postgres');
  } else {
    const port = Number(process.env.TEST_PG_PORT ?? 25442);
    const server = await startEmbeddedPostgres({
      dataDir: path.join(PROJECT_ROOT, '.data', `test-postgres-${port}`),
      port,
      ephemeralDurability: true,
    });
    serverUrl = server.urlFor('postgres');
    stop = server.stop;
  }

  // One template per run, so that concurrent runs on one server never disturb each other.
  const template = `${TEMPLATE_PREFIX}${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const dropTemplate = () => admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(template)} WITH (FORCE)`);
  await dropTemplate();
  await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(template)}`);
  await migrate(urlWithDatabase(serverUrl, template));

  project.provide('pgServerUrl', serverUrl);
  project.provide('pgTemplateDatabase', template);
  return async () => {
    await dropTemplate().catch(() => undefined);
    await admin.end();
    await stop();
  };
}
