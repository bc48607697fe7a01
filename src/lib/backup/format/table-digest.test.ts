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

  it.each([
    ['a first line', '\\.\n1\ta\n', 1],
    ['a later line', '1\ta\n\\.\n2\tb\n', 2],
    ['a line with more after it', '1\ta\n\\.x\n', 2],
  ])('finds a line starting with \\. in %s, at every split point', (_name, text, row) => {
    const bytes = Buffer.from(text);
    for (let cut = 0; cut <= bytes.length; cut++) {
      for (let second = cut; second <= bytes.length; second++) {
        const digest = new TableDigest();
        digest.update(bytes.subarray(0, cut));
        digest.update(bytes.subarray(cut, second));
        digest.update(bytes.subarray(second));
        expect(digest.endMarkerRow, `cut at ${cut}, ${second}`).toBe(row);
      }
    }
  });

  it('ignores escaped backslashes and backslashes inside a line', () => {
    for (const text of ['\\\\.\n', '1\t\\.\n', 'a\\.\n', '\\N\n']) {
      const digest = new TableDigest();
      for (const byte of Buffer.from(text)) digest.update(Buffer.from([byte]));
      expect(digest.endMarkerRow, JSON.stringify(text)).toBeUndefined();
    }
  });
});
