/**
 * `decrypt <id|file> [--out FILE]`: writes the backup's plain gzip stream (the decrypted
 * envelope) to FILE (created new, mode 0600) or to stdout, so operators can read a backup with
 * standard tools: `npm run backup -- decrypt x.erpbak | gunzip`. It never writes binary to a
 * terminal. The GCM tag can only be checked after the last byte: if it fails, the partial FILE
 * is deleted and the command exits 13 (output already piped on stdout must be discarded).
 */
import { createWriteStream, existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ByteCounter, findCompletedBackup, InvalidInputError, streamRecordedBackup, unseal } from '@/lib/backup';
import type { Command } from '../command';
import type { CliEnvironment } from '../context';
import { formatBytes, type ProgressRenderer } from '../output';
import { streamBackupFile, resolveTarget } from '../target';

const PRIVATE_FILE_MODE = 0o600;

async function openSource(env: CliEnvironment, argument: string): Promise<{ name: string; stream: Readable; expectedFingerprint?: string }> {
  const target = resolveTarget(argument, env.config().backupDir);
  if (target.kind === 'file') return { name: target.path, stream: await streamBackupFile(target.path) };
  const ctx = await env.backup();
  const backup = await findCompletedBackup(ctx, target.id);
  const source = await streamRecordedBackup(ctx, backup);
  return { name: backup.filename, stream: source.stream, expectedFingerprint: backup.keyFingerprint ?? undefined };
}

/**
 * Streams the plaintext to a new file (deleted again when anything fails, a tag mismatch at the
 * end included) or to stdout (left open), counting bytes for the progress line.
 */
async function writePlaintext(plaintext: Readable, file: string | undefined, signal: AbortSignal, progress: ProgressRenderer): Promise<number> {
  const counter = new ByteCounter((bytes) => progress.update({ phase: 'decrypting', tablesDone: 0, tablesTotal: 0, rows: 0, bytes }));
  const sink = file === undefined ? null : createWriteStream(file, { flags: 'wx', mode: PRIVATE_FILE_MODE });
  let created = false;
  sink?.once('open', () => (created = true));
  try {
    await pipeline(plaintext, counter, sink ?? process.stdout, { end: sink !== null, signal });
  } catch (error) {
    if (created) await rm(file!, { force: true });
    throw error;
  } finally {
    progress.done();
  }
  return counter.bytes;
}

export const decrypt: Command = {
  name: 'decrypt',
  summary: 'write the plain gzip stream of a backup (for gunzip and other tools)',
  usage: 'decrypt <id|file> [--out FILE]',
  args: [{ name: 'id|file' }],
  options: { out: { type: 'string', short: 'o', valueName: 'FILE', description: 'write to this new file instead of stdout' } },
  async run({ args, option, env, out }) {
    const file = option('out');
    if (file === undefined && out.json) throw new InvalidInputError('With --json, decrypt needs --out FILE: stdout carries the JSON document.');
    if (file === undefined && process.stdout.isTTY) {
      throw new InvalidInputError('Refusing to write binary data to a terminal: pass --out FILE, or pipe the output (e.g. "| gunzip").');
    }
    if (file !== undefined && existsSync(file)) throw new InvalidInputError(`"${file}" already exists; choose a new file name.`);

    const keyring = env.keyring();
    const source = await openSource(env, args[0]!);
    const { plaintext, fingerprint } = await unseal(source.stream, keyring, { expectedFingerprint: source.expectedFingerprint });
    const bytes = await writePlaintext(plaintext, file, env.signal, out.progress());

    const message = `decrypted ${source.name} (key ${fingerprint}): ${formatBytes(bytes)} of gzip data to ${file ?? 'stdout'}; the authentication tag verified.`;
    if (file === undefined) out.note(message);
    return { data: { decrypt: { source: source.name, out: file, bytes, keyFingerprint: fingerprint } }, lines: file === undefined ? [] : [message] };
  },
};
