import { describe, expect, it } from 'vitest';
import { loadBackupConfig } from '../config';
import { ConfigError } from '../errors';
import { deflateBackend } from './deflate-backend';

const MISSING = ['libdeflate-missing-for-this-test.so'];

describe('deflateBackend', () => {
  it('uses the system libdeflate when asked, or by default when it loads', () => {
    expect(deflateBackend('libdeflate').name).toBe('libdeflate');
    expect(deflateBackend().name).toBe('libdeflate');
    expect(deflateBackend('auto').name).toBe('libdeflate');
  });

  it('falls back to zlib under auto when libdeflate does not load, and uses zlib when told to', () => {
    expect(deflateBackend('auto', MISSING).name).toBe('zlib');
    expect(deflateBackend('zlib').name).toBe('zlib');
    expect(deflateBackend('zlib', MISSING).name).toBe('zlib');
  });

  it('refuses libdeflate that does not load with a ConfigError saying what to install', () => {
    let error: unknown;
    try {
      deflateBackend('libdeflate', MISSING);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' });
    expect((error as Error).message).toContain('apt-get install libdeflate0');
    expect((error as Error).message).toContain('libdeflate-missing-for-this-test.so');
  });

  it('reads BACKUP_DEFLATE: auto by default, one of three names', () => {
    expect(loadBackupConfig({}).deflate).toBe('auto');
    expect(loadBackupConfig({ BACKUP_DEFLATE: '' }).deflate).toBe('auto');
    expect(loadBackupConfig({ BACKUP_DEFLATE: 'zlib' }).deflate).toBe('zlib');
    expect(loadBackupConfig({ BACKUP_DEFLATE: 'libdeflate' }).deflate).toBe('libdeflate');
    expect(() => loadBackupConfig({ BACKUP_DEFLATE: 'zopfli' })).toThrow(/BACKUP_DEFLATE/);
  });
});
