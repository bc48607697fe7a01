/**
 * `decrypt <id|file> [--out FILE]`: removes the encryption and nothing else. It writes the
 * envelope's plaintext — a gzip stream whose content is this project's own framed payload
 * (docs/FORMAT.md §6: manifest, then per table COPY-text frames, trailer) — to FILE (created
 * new, mode 0600) or to stdout: `decrypt x.erpbak | gunzip` gives those frames, not SQL or CSV
 * (for those, `export`). It never writes binary to a terminal. The GCM tag can only be checked
 * after the last byte: if it fails, the partial FILE is deleted and the command exits 13 (output
 * already piped on stdout must be discarded). When the reader of stdout closes it early
 * (`| head`), decrypt stops and exits 0, saying the tag was not checked.
 */
import { createWriteStream, existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ByteCounter, InvalidInputError, unseal } from '@/lib/backup';
import type { Command } from '../command';
import { formatBytes, type ProgressRenderer } from '../output';
import { openCliBackupSource } from '../open-source';

const PRIVATE_FILE_MODE = 0o600;

/**
 * Streams the plaintext to a new file (deleted again when anything fails, a tag mismatch at the
 * end included) or to stdout (left open), counting bytes for the progress line.
 */
async function writePlaintext(plaintext: Readable, file: string | undefined, signal: AbortSignal, progress: ProgressRenderer): Promise<{ bytes: number; readerClosed: boolean }> {
  const counter = new ByteCounter((bytes) => progress.update({ phase: 'decrypting', tablesDone: 0, tablesTotal: 0, rows: 0, bytes }));
  const sink = file === undefined ? null : createWriteStream(file, { flags: 'wx', mode: PRIVATE_FILE_MODE });
  let created = false;
  sink?.once('open', () => (created = true));
  try {
    await pipeline(plaintext, counter, sink ?? process.stdout, { end: sink !== null, signal });
  } catch (error) {
    if (created) await rm(file!, { force: true });
    // The reader of stdout went away (`| head`): not a failure of the backup or the database.
    if (sink === null && (error as NodeJS.ErrnoException).code === 'EPIPE') {
      plaintext.destroy();
      return { bytes: counter.bytes, readerClosed: true };
    }
    throw error;
  } finally {
    progress.done();
  }
  return { bytes: counter.bytes, readerClosed: false };
}

export const decrypt: Command = {
  name: 'decrypt',
  summary: "remove the encryption: write the gzip of the backup's own framed payload (docs/FORMAT.md); for SQL or CSV use export",
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
    const source = await openCliBackupSource(env, args[0]!);
    const { plaintext, fingerprint } = await unseal(source.stream, keyring, { expectedFingerprint: source.expectedFingerprint });
    const { bytes, readerClosed } = await writePlaintext(plaintext, file, env.signal, out.progress());

    const message = readerClosed
      ? `stopped: the reader closed stdout after ${formatBytes(bytes)} of gzip data from ${source.name}; the authentication tag was not checked.`
      : `decrypted ${source.name} (key ${fingerprint}): ${formatBytes(bytes)} of gzip data to ${file ?? 'stdout'}; the authentication tag verified.`;
    if (file === undefined) out.note(message);
    return { data: { decrypt: { source: source.name, out: file, bytes, keyFingerprint: fingerprint, readerClosed } }, lines: file === undefined ? [] : [message] };
  },
};
