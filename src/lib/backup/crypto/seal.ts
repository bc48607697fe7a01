/**
 * Encrypts a plaintext stream into a backup file (FORMAT.md §3, §4, §8.5):
 * `IV(16) || TAG(16) || AES-256-GCM ciphertext`, no AAD, fresh random IV.
 *
 * `sealToFile` creates `filePath` (which must not exist yet: it is opened
 * with O_EXCL, mode 0600), writes 32 zero bytes, streams the ciphertext
 * after them with backpressure, then writes IV and tag at offset 0, fsyncs
 * and closes the file. Until that last step the header is all zeros, so an
 * interrupted file can never verify. It does not rename: the caller's
 * atomic-file helper renames and fsyncs the directory, and deletes the file
 * when this throws.
 *
 * Throws TooLargeError before the plaintext exceeds the GCM limit for one
 * IV, DiskFullError on ENOSPC, CancelledError on abort; other failures are
 * wrapped by toBackupError.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { type FileHandle, open } from 'node:fs/promises';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvalidKeyError, TooLargeError, toBackupError } from '../errors';
import {
  AUTH_TAG_LENGTH,
  CIPHER_ALGORITHM,
  ENVELOPE_HEADER_LENGTH,
  GCM_MAX_PLAINTEXT_BYTES,
  IV_LENGTH,
  IV_OFFSET,
  KEY_LENGTH,
} from '../format/constants';

const FILE_MODE = 0o600;

export interface SealOptions {
  signal?: AbortSignal;
  /** Called as data is encrypted, with the running total of plaintext bytes. */
  onBytes?(plaintextBytes: number): void;
  /** Plaintext limit in bytes; defaults to GCM_MAX_PLAINTEXT_BYTES. Lowered by tests. */
  maxPlaintextBytes?: number;
}

export interface SealResult {
  /** Size of the file written: header plus ciphertext. */
  size: number;
  plaintextBytes: number;
}

export async function sealToFile(
  plaintext: NodeJS.ReadableStream | AsyncIterable<Uint8Array>,
  filePath: string,
  key: Buffer,
  opts: SealOptions = {},
): Promise<SealResult> {
  if (key.length !== KEY_LENGTH) throw new InvalidKeyError(`The encryption key must be ${KEY_LENGTH} bytes.`);
  const limit = opts.maxPlaintextBytes ?? GCM_MAX_PLAINTEXT_BYTES;
  const iv = randomBytes(IV_LENGTH);
  const cipher = createCipheriv(CIPHER_ALGORITHM, key, iv, { authTagLength: AUTH_TAG_LENGTH });

  let plaintextBytes = 0;
  const limitGuard = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      plaintextBytes += chunk.length;
      if (plaintextBytes > limit) {
        callback(new TooLargeError(BigInt(limit)));
        return;
      }
      opts.onBytes?.(plaintextBytes);
      callback(null, chunk);
    },
  });

  let file: FileHandle | undefined;
  try {
    file = await open(filePath, 'wx', FILE_MODE);
    await file.write(Buffer.alloc(ENVELOPE_HEADER_LENGTH), 0, ENVELOPE_HEADER_LENGTH, IV_OFFSET);
    const body = positionalWriter(file, ENVELOPE_HEADER_LENGTH);
    await pipeline(plaintext, limitGuard, cipher, body, opts.signal ? { signal: opts.signal } : {});

    const header = Buffer.concat([iv, cipher.getAuthTag()]);
    await file.write(header, 0, header.length, IV_OFFSET);
    await file.sync();
    const handle = file;
    file = undefined;
    await handle.close();
    return { size: ENVELOPE_HEADER_LENGTH + plaintextBytes, plaintextBytes };
  } catch (error) {
    throw toBackupError(error);
  } finally {
    await file?.close().catch(() => {});
  }
}

/**
 * Writes sequentially from `start` through an open FileHandle that stays
 * open afterwards (fs write streams on a FileHandle keep a reference that
 * blocks `close()` when autoClose is off). Buffered chunks go out in one write.
 */
function positionalWriter(file: FileHandle, start: number): Writable {
  let position = start;
  const writeAll = async (data: Buffer): Promise<void> => {
    for (let offset = 0; offset < data.length; ) {
      const { bytesWritten } = await file.write(data, offset, data.length - offset, position);
      if (bytesWritten === 0) throw new Error('the file system accepted no bytes');
      offset += bytesWritten;
      position += bytesWritten;
    }
  };
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      writeAll(chunk).then(() => callback(), callback);
    },
    writev(chunks, callback) {
      writeAll(Buffer.concat(chunks.map((c) => c.chunk as Buffer))).then(() => callback(), callback);
    },
  });
}
