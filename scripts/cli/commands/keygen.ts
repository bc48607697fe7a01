/** `keygen`: prints a fresh random key (64 hex characters) on stdout and a hint on stderr. Needs no database. */
import { generateKeyHex, keyFingerprint } from '@/lib/backup';
import type { Command } from '../command';

export const keygen: Command = {
  name: 'keygen',
  summary: 'print a fresh encryption key',
  usage: 'keygen',
  args: [],
  options: {},
  async run({ out }) {
    const key = generateKeyHex();
    const fingerprint = keyFingerprint(Buffer.from(key, 'hex'));
    out.note(
      `Put this key in BACKUP_ENCRYPTION_KEY (e.g. in .env) and keep a copy somewhere safe off this server: without it no backup can be read (fingerprint ${fingerprint}).`,
    );
    return { data: { key, fingerprint }, lines: [key] };
  },
};
