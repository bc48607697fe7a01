/**
 * SHA-256 and byte count of a stream, consumed to its end in constant memory. Used to
 * confirm that a stored copy holds exactly the bytes of the original.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

export const SHA256_ALGORITHM = 'sha256';

export interface StreamDigest {
  /** Lower-case hex. */
  sha256: string;
  size: number;
}

export async function sha256OfStream(readable: Readable): Promise<StreamDigest> {
  const hash = createHash(SHA256_ALGORITHM);
  let size = 0;
  for await (const chunk of readable) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    hash.update(bytes);
    size += bytes.length;
  }
  return { sha256: hash.digest('hex'), size };
}
