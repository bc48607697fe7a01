import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TableDigest } from './table-digest';

describe('TableDigest', () => {
  it('counts 0x0A bytes as rows and hashes the concatenation', () => {
    const digest = new TableDigest();
    digest.update(Buffer.from('1\ta\\nb\n2\t'));
    digest.update(Buffer.from('c\n\n'));
    expect(digest.rows).toBe(3);
    expect(digest.bytes).toBe(12);
    expect(digest.sha256()).toBe(createHash('sha256').update('1\ta\\nb\n2\tc\n\n').digest('hex'));
  });

  it('gives the SHA-256 of nothing for an empty table', () => {
    const digest = new TableDigest();
    expect(digest.rows).toBe(0);
    expect(digest.sha256()).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
