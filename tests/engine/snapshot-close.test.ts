/**
 * Snapshot.close() when the server does not answer the Terminate (here: its backend is stopped
 * with SIGSTOP, as a hung or unreachable server would be): the clean end cannot finish, so after
 * DISCONNECT_TIMEOUT_MS close() destroys the connection's own socket instead of leaving it open.
 * Open TCP sockets are counted with process.getActiveResourcesInfo().
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCONNECT_TIMEOUT_MS, openSnapshot } from '../../src/lib/backup/dump/snapshot';
import { createEmptyDatabase, type TestDatabase } from '../helpers/database';
import { withClient } from '../helpers/pg';
import { waitFor } from '../helpers/wait-for';

const openTcpSockets = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;

describe('Snapshot.close() against a server that does not answer', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createEmptyDatabase('erp_snapclose_');
    await withClient(db.url, (c) => c.query('CREATE TABLE t (id int PRIMARY KEY)'));
  });
  afterAll(() => db?.drop());

  it('gives up the clean end after the timeout and destroys the socket', async () => {
    const snapshot = await openSnapshot(db.url, { appVersion: 'test', keyFingerprint: 'test' });
    const { rows } = await snapshot.client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const backend = rows[0]!.pid;
    const socketsOpen = openTcpSockets();
    process.kill(backend, 'SIGSTOP');
    try {
      const started = Date.now();
      await snapshot.close();
      const tookMs = Date.now() - started;
      expect(tookMs).toBeGreaterThanOrEqual(DISCONNECT_TIMEOUT_MS - 50); // the clean end really was stuck
      expect(tookMs).toBeLessThan(DISCONNECT_TIMEOUT_MS + 2_000);
      await waitFor('the dump socket to close', async () => openTcpSockets() === socketsOpen - 1, 2_000, 20);
    } finally {
      process.kill(backend, 'SIGCONT');
    }
  });
});
