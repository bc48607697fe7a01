/**
 * Unseals a backup file's envelope (FORMAT.md §3, §4.5, §4.6) — the inverse of `seal.ts`: reads IV and
 * tag, identifies the key, and returns the decrypted plaintext (the gzip
 * stream) as a lazy Readable.
 *
 * ┌───────────────────────────────────────────────────────────────────────┐
 * │ GCM releases plaintext BEFORE it can check the tag. The tag is checked │
 * │ only after the last byte; a mismatch makes `plaintext` emit one        │
 * │ CorruptBackupError at the very end. Consumers MUST NOT commit, rename, │
 * │ or report success until `plaintext` has ended without error.           │
 * └───────────────────────────────────────────────────────────────────────┘
 *
 * Errors before any plaintext is returned:
 *  - 0 bytes: NotABackupError; 1–32 bytes, or fewer than 3 ciphertext
 *    bytes: TruncatedBackupError (a valid backup is never that short, so an
 *    empty ciphertext is reported here whatever its tag says);
 *  - `expectedFingerprint` not in the keyring: WrongKeyError(fingerprint);
 *    with it, a first block that does not decrypt to the gzip magic:
 *    CorruptBackupError (changed IV or data);
 *  - without it, no key whose first block decrypts to the gzip magic:
 *    WrongKeyError() (a damaged IV or first bytes look the same).
 * Truncation or changes later in the file surface as the tag mismatch.
 * The source is destroyed when this throws, or when `plaintext` is.
 */
import { createDecipheriv } from 'node:crypto';
import { Readable } from 'node:stream';
import { CorruptBackupError, NotABackupError, TruncatedBackupError, WrongKeyError, toBackupError } from '../errors';
import {
  AUTH_TAG_LENGTH,
  AUTH_TAG_OFFSET,
  CIPHER_ALGORITHM,
  ENVELOPE_HEADER_LENGTH,
  GZIP_MAGIC,
  IV_LENGTH,
  IV_OFFSET,
} from '../format/constants';
import type { KeyEntry, Keyring } from './keys';

const PROBE_END = ENVELOPE_HEADER_LENGTH + GZIP_MAGIC.length;

export interface UnsealOptions {
  /** Fingerprint recorded for this backup (e.g. in its database row), if known. */
  expectedFingerprint?: string;
}

export interface UnsealedStream {
  /** The decrypted gzip stream; valid only once it has ended without error. */
  plaintext: Readable;
  /** Fingerprint of the key that opens the file. */
  fingerprint: string;
}

export async function unseal(
  source: AsyncIterable<Uint8Array>,
  keyring: Keyring,
  opts: UnsealOptions = {},
): Promise<UnsealedStream> {
  const chunks = source[Symbol.asyncIterator]();
  try {
    const head = await readAtLeast(chunks, PROBE_END);
    checkLength(head.length);
    const iv = head.subarray(IV_OFFSET, IV_OFFSET + IV_LENGTH);
    const tag = head.subarray(AUTH_TAG_OFFSET, AUTH_TAG_OFFSET + AUTH_TAG_LENGTH);
    const probe = head.subarray(ENVELOPE_HEADER_LENGTH, PROBE_END);
    const entry = identifyKey(keyring, iv, probe, opts.expectedFingerprint);
    const plaintext = Readable.from(decrypt(entry, iv, tag, head.subarray(ENVELOPE_HEADER_LENGTH), chunks), {
      objectMode: false,
    });
    // A generator destroyed before its first read never runs its `finally`.
    plaintext.once('close', () => void Promise.resolve(chunks.return?.()).catch(() => {}));
    return { plaintext, fingerprint: entry.fingerprint };
  } catch (error) {
    await chunks.return?.();
    throw toBackupError(error);
  }
}

async function readAtLeast(chunks: AsyncIterator<Uint8Array>, length: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  while (total < length) {
    const { value, done } = await chunks.next();
    if (done) break;
    parts.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    total += value.byteLength;
  }
  return Buffer.concat(parts, total);
}

function checkLength(length: number): void {
  if (length === 0) throw new NotABackupError('the file is empty');
  if (length < ENVELOPE_HEADER_LENGTH) {
    throw new TruncatedBackupError(`the file has ${length} bytes, fewer than its ${ENVELOPE_HEADER_LENGTH}-byte header`);
  }
  if (length < PROBE_END) throw new TruncatedBackupError('the file ends right after its header, with no backup data');
}

function identifyKey(keyring: Keyring, iv: Buffer, probe: Buffer, expectedFingerprint?: string): KeyEntry {
  if (expectedFingerprint === undefined) {
    const entry = keyring.all.find((candidate) => startsWithGzip(candidate, iv, probe));
    if (!entry) throw new WrongKeyError();
    return entry;
  }
  const entry = keyring.byFingerprint(expectedFingerprint);
  if (!entry) throw new WrongKeyError(expectedFingerprint);
  if (!startsWithGzip(entry, iv, probe)) {
    throw new CorruptBackupError('its first bytes do not decrypt with the recorded key');
  }
  return entry;
}

/** Decrypts the probe without the tag check (GCM is a counter mode). */
function startsWithGzip(entry: KeyEntry, iv: Buffer, probe: Buffer): boolean {
  const decipher = createDecipheriv(CIPHER_ALGORITHM, entry.key, iv, { authTagLength: AUTH_TAG_LENGTH });
  return decipher.update(probe).equals(GZIP_MAGIC);
}

async function* decrypt(
  entry: KeyEntry,
  iv: Buffer,
  tag: Buffer,
  firstCiphertext: Buffer,
  rest: AsyncIterator<Uint8Array>,
): AsyncGenerator<Buffer> {
  const decipher = createDecipheriv(CIPHER_ALGORITHM, entry.key, iv, { authTagLength: AUTH_TAG_LENGTH });
  decipher.setAuthTag(tag);
  try {
    yield decipher.update(firstCiphertext);
    for (;;) {
      const { value, done } = await rest.next();
      if (done) break;
      const out = decipher.update(value);
      if (out.length > 0) yield out;
    }
    let last: Buffer;
    try {
      last = decipher.final();
    } catch (error) {
      throw new CorruptBackupError('the authentication tag does not match', { cause: error });
    }
    if (last.length > 0) yield last;
  } catch (error) {
    throw toBackupError(error);
  } finally {
    await rest.return?.();
  }
}
