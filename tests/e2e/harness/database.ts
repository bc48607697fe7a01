/**
 * The e2e database: a fresh database (random name) on the embedded test PostgreSQL server
 * (`.data/e2e-postgres`, port E2E_PG_PORT — default 25452, below the ephemeral range — fsync off) or on the server TEST_DATABASE_URL names,
 * migrated and seeded with the demo data set. `drop()` removes the database and stops the
 * server if this run started it.
 */
import { urlWithDatabase } from '../../../src/lib/db/connection-url';
import { withClient } from '../../helpers/pg';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../../src/lib/db/embedded-postgres';
import { migrate } from '../../../src/lib/db/migrations';
import { seedDatabase } from '../../../src/lib/seed/index';

export const E2E_PG_PORT = Number(process.env.E2E_PG_PORT ?? 25452);

export interface E2eDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createE2eDatabase(root: string): Promise<E2eDatabase> {
  const configured = process.env.TEST_DATABASE_URL;
  const server = configured
    ? { serverUrl: urlWithDatabase(configured, 'postgres'), stop: async () => undefined }
    : await startEmbeddedPostgres({ dataDir: path.join(root, '.data', `e2e-postgres-${E2E_PG_PORT}`), port: E2E_PG_PORT, ephemeralDurability: true }).then(
        (handle) => ({ serverUrl: handle.urlFor('postgres'), stop: () => handle.stop() }),
      );
  const name = `erp_e2e_${randomBytes(5).toString('hex')}`;
  try {
    await withClient(server.serverUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
    const url = urlWithDatabase(server.serverUrl, name);
    await migrate(url);
    await seedDatabase(url, 'demo');
    return {
      url,
      async drop() {
        await withClient(server.serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`)).catch(
          (error: unknown) => console.error(`could not drop ${name}:`, error),
        );
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
