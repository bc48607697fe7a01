import { describe, expect, it } from 'vitest';
import { ConfigError, InvalidKeyError } from '../errors';
import { createKeyring, generateKeyHex, keyFingerprint, parseKey } from './keys';

const HEX_A = 'a'.repeat(64);
const HEX_B = '0123456789abcdef'.repeat(4);
const HEX_C = 'fedcba9876543210'.repeat(4);

describe('parseKey', () => {
  it('accepts 64 hex characters, in either case, with surrounding white space', () => {
    expect(parseKey(HEX_B, 'K')).toEqual(Buffer.from(HEX_B, 'hex'));
    expect(parseKey(`  ${HEX_B.toUpperCase()}\n`, 'K')).toEqual(Buffer.from(HEX_B, 'hex'));
    expect(parseKey(HEX_B, 'K')).toHaveLength(32);
  });

  it.each([
    ['63 characters', HEX_B.slice(1)],
    ['65 characters', `${HEX_B}0`],
    ['non-hex characters', `zz${HEX_B.slice(2)}`],
    ['an inner space', `${HEX_B.slice(0, 32)} ${HEX_B.slice(33)}`],
    ['a 0x prefix', `0x${HEX_B.slice(2)}`],
    ['an empty value', ''],
  ])('rejects %s, naming the variable but not the value', (_name, value) => {
    const error = (() => {
      try {
        parseKey(value, 'BACKUP_ENCRYPTION_KEY');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidKeyError);
    expect((error as Error).message).toContain('BACKUP_ENCRYPTION_KEY');
    if (value.length > 8) expect((error as Error).message).not.toContain(value.slice(2, 10));
  });
});

describe('keyFingerprint', () => {
  it('is 16 hex characters of HMAC-SHA256(key, context), pinned for a known key', () => {
    const key = Buffer.from([...Array(32).keys()]);
    expect(keyFingerprint(key)).toBe('8a9f53bdb4bd0ab5');
  });

  it('is stable and differs between keys', () => {
    const a = keyFingerprint(parseKey(HEX_A, 'K'));
    expect(keyFingerprint(parseKey(HEX_A, 'K'))).toBe(a);
    expect(keyFingerprint(parseKey(HEX_B, 'K'))).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(HEX_A).not.toContain(a);
  });
});

describe('generateKeyHex', () => {
  it('generates distinct keys that parse', () => {
    const a = generateKeyHex();
    expect(parseKey(a, 'K')).toHaveLength(32);
    expect(generateKeyHex()).not.toBe(a);
  });
});

describe('createKeyring', () => {
  it('refuses to work without a current key and says how to make one', () => {
    for (const missing of [undefined, '', '   ']) {
      expect(() => createKeyring(missing)).toThrow(ConfigError);
      expect(() => createKeyring(missing)).toThrow(/BACKUP_ENCRYPTION_KEY is not set.*npm run backup -- keygen/);
    }
  });

  it('holds the current key first, then previous keys in order, without duplicates', () => {
    const ring = createKeyring(HEX_A, ` ${HEX_B} ,, ${HEX_A},${HEX_C},${HEX_B.toUpperCase()}, `);
    expect(ring.current.key).toEqual(Buffer.from(HEX_A, 'hex'));
    expect(ring.previous.map((e) => e.key.toString('hex'))).toEqual([HEX_B, HEX_C]);
    expect(ring.all.map((e) => e.fingerprint)).toEqual([ring.current, ...ring.previous].map((e) => e.fingerprint));
  });

  it('finds keys by fingerprint', () => {
    const ring = createKeyring(HEX_A, HEX_B);
    const fp = keyFingerprint(Buffer.from(HEX_B, 'hex'));
    expect(ring.byFingerprint(fp)?.key.toString('hex')).toBe(HEX_B);
    expect(ring.byFingerprint(fp.toUpperCase())?.fingerprint).toBe(fp);
    expect(ring.byFingerprint('0000000000000000')).toBeUndefined();
  });

  it('names the bad entry of BACKUP_PREVIOUS_KEYS', () => {
    expect(() => createKeyring(HEX_A, `${HEX_B},nope`)).toThrow(/BACKUP_PREVIOUS_KEYS \(entry 2\)/);
    expect(() => createKeyring('nope')).toThrow(InvalidKeyError);
  });

  it('works with no previous keys', () => {
    expect(createKeyring(HEX_A).previous).toEqual([]);
    expect(createKeyring(HEX_A, '').all).toHaveLength(1);
  });
});
