/**
 * Opens a backup byte stream (local file or cloud object) as payload events:
 * envelope (key identification, AES-256-GCM) → gunzip (members in parallel) → frame reader.
 *
 * The events are only trustworthy once the generator has finished without error: the GCM tag is
 * checked when the ciphertext ends, so a tampered file may first yield plausible data and then
 * throw. Consumers MUST NOT make anything visible (commit, rename) before that. Decompression
 * errors are reported as CorruptBackupError (a damaged or modified file), never as raw zlib errors.
 */
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createParallelGunzip } from '../compression/parallel-gunzip';
import { unseal } from '../crypto/unseal';
import type { Keyring } from '../crypto/keys';
import { BackupError, CorruptBackupError, toBackupError } from '../errors';
import { decodePayload, type PayloadEvent } from '../format/payload-reader';

export interface OpenedBackup {
  fingerprint: string;
  events: AsyncGenerator<PayloadEvent, void, undefined>;
}

function asReadError(error: unknown): BackupError {
  if (error instanceof BackupError) return error;
  const code = (error as { code?: string } | null)?.code ?? '';
  if (code.startsWith('Z_')) return new CorruptBackupError('the compressed data is damaged', { cause: error });
  return toBackupError(error);
}

export async function openBackup(
  source: Readable,
  keyring: Keyring,
  options: { expectedFingerprint?: string; signal?: AbortSignal } = {},
): Promise<OpenedBackup> {
  const { plaintext, fingerprint } = await unseal(source, keyring, { expectedFingerprint: options.expectedFingerprint });
  const gunzip = createParallelGunzip();
  // Errors reach the consumer through the gunzip stream it iterates; this only keeps them handled.
  const decompressing = pipeline(plaintext, gunzip, { signal: options.signal }).catch(() => undefined);
  async function* events(): AsyncGenerator<PayloadEvent, void, undefined> {
    try {
      yield* decodePayload(gunzip);
      await decompressing;
    } catch (error) {
      throw asReadError(error);
    } finally {
      gunzip.destroy();
      plaintext.destroy();
      source.destroy();
    }
  }
  return { fingerprint, events: events() };
}
