/**
 * Runs work on a scratch database created for it on a given server (through the `postgres`
 * maintenance database, so the database the URL names need not exist) and dropped afterwards,
 * whatever happens. Its name starts with SCRATCH_PREFIX, so a leftover after a crash is easy to
 * recognise. The work gets a preview session (pinned settings) on it.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { urlWithDatabase } from '../../db/connection-url';
import { quoteIdentifier } from '../../db/identifiers';
import { connectFor } from '../database/connect';
import { openPreviewSession } from './session';

export const SCRATCH_PREFIX = 'erp_preview_';
const MAINTENANCE_DATABASE = 'postgres';

export async function withScratchDatabase<T>(serverUrl: string, work: (client: pg.Client, scratchUrl: string) => Promise<T>): Promise<T> {
  const name = `${SCRATCH_PREFIX}${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = await connectFor(urlWithDatabase(serverUrl, MAINTENANCE_DATABASE), 'erp-backup-preview', 'to create a scratch database');
  try {
    await admin.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
    const scratchUrl = urlWithDatabase(serverUrl, name);
    const client = await openPreviewSession(scratchUrl, 'to the scratch database');
    try {
      return await work(client, scratchUrl);
    } finally {
      await client.end().catch(() => undefined);
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`).catch(() => undefined);
    await admin.end().catch(() => undefined);
  }
}
