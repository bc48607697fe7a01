/**
 * For a describe block of service tests: registers the hooks that create a test database with
 * the demo seed and a service fixture on it (beforeAll), and remove both again (afterAll).
 * Read `db` and `fx` inside the tests, once the hooks have run.
 */
import { afterAll, beforeAll } from 'vitest';
import { seedDatabase } from '../../src/lib/seed/index';
import { createTestDatabase, type TestDatabase } from './database';
import { createServiceFixture, type ServiceFixture } from './service';

export interface SeededService {
  readonly db: TestDatabase;
  readonly fx: ServiceFixture;
}

export function useSeededService(): SeededService {
  let db: TestDatabase | undefined;
  let fx: ServiceFixture | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDatabase(db.url, 'demo');
    fx = await createServiceFixture(db.url);
  });
  afterAll(async () => {
    await fx?.cleanup();
    await db?.drop();
  });
  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`useSeededService: ${name} is read before its beforeAll hook ran`);
    return value;
  };
  return {
    get db() {
      return ready(db, 'db');
    },
    get fx() {
      return ready(fx, 'fx');
    },
  };
}
