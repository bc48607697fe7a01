import { describe, expect, it } from 'vitest';
import { CorruptBackupError, NotABackupError, UnsupportedVersionError } from '../errors';
import { MAGIC } from './constants';
import { decodeManifestBody, encodeManifestBody } from './manifest';
import { sampleManifest } from '../../../../tests/helpers/payload-builder';

const body = (value: unknown, magic: Buffer = MAGIC as Buffer) =>
  Buffer.concat([magic, Buffer.from(typeof value === 'string' ? value : JSON.stringify(value))]);

describe('manifest body', () => {
  it('round-trips, keeping 64-bit sequence values as strings', () => {
    const manifest = sampleManifest();
    const decoded = decodeManifestBody(encodeManifestBody(manifest));
    expect(decoded).toEqual(manifest);
    expect(decoded.sequences[0]?.value).toBe('9007199254740993');
  });

  it('ignores unknown fields', () => {
    expect(decodeManifestBody(body({ ...sampleManifest(), addedLater: true }))).toEqual(sampleManifest());
  });

  it('rejects a wrong magic or a foreign formatName as not a backup', () => {
    expect(() => decodeManifestBody(body(sampleManifest(), Buffer.from('ERPBAKXX')))).toThrow(NotABackupError);
    expect(() => decodeManifestBody(body({ ...sampleManifest(), formatName: 'other' }))).toThrow(NotABackupError);
    expect(() => decodeManifestBody(body('[1,2]'))).toThrow(NotABackupError);
  });

  it('rejects a newer formatVersion before checking anything else', () => {
    const newer = { formatName: 'erp-backup', formatVersion: 3, somethingNew: {} };
    expect(() => decodeManifestBody(body(newer))).toThrow(UnsupportedVersionError);
    expect(() => decodeManifestBody(body(newer))).toThrow(/version 3.*reads version 2/);
  });

  it.each([
    ['invalid JSON', '{"formatName":'],
    ['formatVersion as a string', { ...sampleManifest(), formatVersion: '1' }],
    ['formatVersion 0', { ...sampleManifest(), formatVersion: 0 }],
    ['a missing field', { ...sampleManifest(), tables: undefined }],
    ['a non-ISO createdAt', { ...sampleManifest(), createdAt: 'yesterday' }],
    ['a numeric sequence value', { ...sampleManifest(), sequences: [{ ...sampleManifest().sequences[0], value: 5 }] }],
    ['duplicate table names', sampleManifest(['a', 'a'])],
    ['an uppercase fingerprint', { ...sampleManifest(), keyFingerprint: '0123456789ABCDEF' }],
  ])('rejects %s as corrupt', (_name, value) => {
    expect(() => decodeManifestBody(body(value))).toThrow(CorruptBackupError);
  });

  it('rejects invalid UTF-8 as corrupt', () => {
    const bytes = Buffer.concat([MAGIC, Buffer.from('{"formatName":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    expect(() => decodeManifestBody(bytes)).toThrow(/not valid UTF-8/);
  });

  it('refuses to encode an invalid manifest', () => {
    expect(() => encodeManifestBody({ ...sampleManifest(), keyFingerprint: 'nope' })).toThrow(
      expect.objectContaining({ code: 'INTERNAL' }),
    );
  });
});
