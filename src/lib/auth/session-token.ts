/**
 * Session tokens: 32 random bytes, written as unpadded base64url (43 characters). The cookie
 * carries the token; the database keeps only its SHA-256 (hex), so a leaked Session table
 * signs nobody in. A token has exactly one valid spelling: `hashSessionToken` refuses padding,
 * characters outside the base64url alphabet (`+`, `/`, `*`…), other lengths, and the spellings
 * that decode to the same bytes with different unused low bits in the last character — it
 * re-encodes the bytes and compares.
 */
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newSessionToken(): string {
  return randomBytes(SESSION_TOKEN_BYTES).toString('base64url');
}

/** The stored form of a well-formed token; null for any other string. */
export function hashSessionToken(token: string): string | null {
  if (!TOKEN_PATTERN.test(token)) return null;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== SESSION_TOKEN_BYTES || bytes.toString('base64url') !== token) return null;
  return createHash('sha256').update(bytes).digest('hex');
}
