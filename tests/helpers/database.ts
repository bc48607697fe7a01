/**
 * A fresh, migrated database for one test file, copied from the template that the global setup
 * built. `createTestDatabase()` returns its URL and a `drop()` for afterAll.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { urlWithDatabase } from './database-names';
import { withClient } from './pg';

export interface TestDatabase {
  name: string;
  url: string;
  serverUrl: string;
  drop(): Promise<void>;
}

export async function createEmptyDatabase(prefix = 'erp_test_'): Promise<TestDatabase> {
  return createDatabase(prefix, null);
}

export async function createTestDatabase(prefix = 'erp_test_'): Promise<TestDatabase> {
  return createDatabase(prefix, inject('pgTemplateDatabase'));
}

async function createDatabase(prefix: string, template: string | null): Promise<TestDatabase> {
  const serverUrl = inject('pgServerUrl');
  const name = `${prefix}${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl, async (admin) => {
    const templateClause = template ? ` TEMPLATE ${admin.escapeIdentifier(template)}` : '';
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}${templateClause}`);
        return;
      } catch (error) {
        // Two files copying the template at the same moment can collide; retry briefly.
        if (attempt >= 10 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  });
  return {
    name,
    url: urlWithDatabase(serverUrl, name),
    serverUrl,
    drop: () => withClient(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`).then(() => undefined)),
  };
}
