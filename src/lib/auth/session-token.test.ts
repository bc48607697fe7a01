import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashSessionToken, newSessionToken } from './session-token';

describe('session tokens', () => {
  it('are 43 base64url characters and hash to the SHA-256 of their bytes', () => {
    const token = newSessionToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hashSessionToken(token)).toBe(createHash('sha256').update(Buffer.from(token, 'base64url')).digest('hex'));
  });

  it('have exactly one valid spelling', () => {
    const bytes = Buffer.concat([Buffer.from([0xfb, 0xff, 0xbf]), Buffer.alloc(28, 7), Buffer.from([0x10])]);
    const token = bytes.toString('base64url');
    expect(hashSessionToken(token)).not.toBeNull();
    const lastSibling = token.slice(0, -1) + String.fromCharCode(token.charCodeAt(42) + 1);
    expect(Buffer.from(lastSibling, 'base64url').equals(bytes)).toBe(true); // the lenient decoder agrees…
    for (const variant of [`${token}=`, token.replace(/-/g, '+').replace(/_/g, '/'), `*${token.slice(1)}`, lastSibling, token.slice(0, 42), `${token}A`, ` ${token.slice(1)}`]) {
      expect(hashSessionToken(variant), variant).toBeNull(); // …this one does not
    }
  });
});
