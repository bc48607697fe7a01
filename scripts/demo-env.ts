/**
 * The demo's secrets, kept where every later command finds them: `.env` in the project root,
 * which the app (Next.js), the CLI and the worker all read. For BACKUP_ENCRYPTION_KEY (the one
 * secret the demo needs: sign-in sessions live in the database), a value already set (in the environment or in `.env`) is kept; a missing
 * or empty one is generated and written into `.env` (an empty `NAME=` line is filled in, else a
 * line is appended; a new `.env` is created with mode 0600). A key from the older demo
 * location, `.data/demo-key`, is moved into `.env` instead of generating a new one, so earlier
 * demo backups stay readable. Returns one human line per change, for the demo to print.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateKeyHex } from '../src/lib/backup/crypto/keys';

export const LEGACY_KEY_FILE = path.join('.data', 'demo-key');

function setLine(text: string, name: string, value: string): string {
  const empty = new RegExp(`^${name}=\\s*$`, 'm');
  if (empty.test(text)) return text.replace(empty, `${name}=${value}`);
  return `${text}${text && !text.endsWith('\n') ? '\n' : ''}${name}=${value}\n`;
}

export async function ensureDemoSecrets(root: string, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const envFile = path.join(root, '.env');
  const legacyFile = path.join(root, LEGACY_KEY_FILE);
  const existing = await readFile(envFile, 'utf8').catch(() => null);
  let text = existing ?? '';
  const notes: string[] = [];

  let movedLegacyKey = false;
  if (!env.BACKUP_ENCRYPTION_KEY?.trim()) {
    const legacy = (await readFile(legacyFile, 'utf8').catch(() => '')).trim();
    env.BACKUP_ENCRYPTION_KEY = legacy || generateKeyHex();
    movedLegacyKey = legacy !== '';
    text = setLine(text, 'BACKUP_ENCRYPTION_KEY', env.BACKUP_ENCRYPTION_KEY);
    notes.push(`BACKUP_ENCRYPTION_KEY (encrypts backups): ${movedLegacyKey ? `moved from ${LEGACY_KEY_FILE}` : 'generated'}`);
  }
  if (notes.length === 0) return notes;
  await writeFile(envFile, text, { mode: 0o600 });
  if (movedLegacyKey) await rm(legacyFile, { force: true });
  return [`${existing === null ? 'created' : 'updated'} .env with:`, ...notes.map((n) => `  ${n}`), '  keep .env private; without that key the backups cannot be read'];
}
