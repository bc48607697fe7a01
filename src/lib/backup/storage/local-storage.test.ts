import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DiskFullError, NotFoundError, StorageError } from '@/lib/backup/errors';

import {
  isTempFileName,
  PRIVATE_DIRECTORY_MODE,
  PRIVATE_FILE_MODE,
  removeStaleTempFiles,
  tempPathFor,
  writeFileAtomically,
} from './atomic-file';
import { describeStorageConformance } from '../../../../tests/helpers/storage-conformance';
import { LocalStorage } from './local-storage';

const PERMISSION_BITS = 0o777;
const HOUR_MS = 60 * 60 * 1000;
const CHILD_START_TIMEOUT_MS = 30_000;
const GCM_TAG_OFFSET = 16;
const GCM_TAG_LENGTH = 16;
const ATOMIC_FILE_MODULE = fileURLToPath(new URL('./atomic-file.ts', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

async function makeTempDirectory(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'local-storage-'));
}

async function modeOf(target: string): Promise<number> {
  return (await fs.stat(target)).mode & PERMISSION_BITS;
}

async function exists(target: string): Promise<boolean> {
  return fs.lstat(target).then(
    () => true,
    () => false,
  );
}

describeStorageConformance('LocalStorage', async () => {
  const root = await makeTempDirectory();
  const directory = path.join(root, 'backups');
  return {
    storage: new LocalStorage(directory),
    async cleanup() {
      await fs.rm(root, { recursive: true, force: true });
    },
    async plantForeignEntries() {
      await fs.writeFile(path.join(root, 'outside.enc'), 'outside');
      await fs.writeFile(tempPathFor(path.join(directory, 'a.enc')), 'half-written');
      await fs.writeFile(path.join(directory, '.hidden'), 'dot file');
      await fs.writeFile(path.join(directory, 'bad name.enc'), 'invalid name');
      await fs.mkdir(path.join(directory, 'folder.enc'));
      await fs.symlink(path.join(root, 'outside.enc'), path.join(directory, 'link.enc'));
    },
  };
});

describe('LocalStorage', () => {
  let root: string;
  let directory: string;
  let storage: LocalStorage;

  beforeEach(async () => {
    root = await makeTempDirectory();
    directory = path.join(root, 'backups');
    storage = new LocalStorage(directory);
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('describes itself by its directory', () => {
    expect(storage.describe()).toBe(`local:${directory}`);
  });

  it('creates the directory 0700 and files 0600', async () => {
    await storage.write('a.enc', Readable.from([Buffer.from('x')]));
    expect(await modeOf(directory)).toBe(PRIVATE_DIRECTORY_MODE);
    expect(await modeOf(path.join(directory, 'a.enc'))).toBe(PRIVATE_FILE_MODE);
  });

  it('tightens an existing directory to 0700 and a file the writer made 0644 to 0600', async () => {
    await fs.mkdir(directory, { mode: 0o755 });
    await fs.chmod(directory, 0o755);
    await storage.writeWith('b.enc', (tmpPath) => fs.writeFile(tmpPath, 'y', { mode: 0o644 }));
    expect(await modeOf(directory)).toBe(PRIVATE_DIRECTORY_MODE);
    expect(await modeOf(path.join(directory, 'b.enc'))).toBe(PRIVATE_FILE_MODE);
  });

  it('refuses a symlink at a name: not found, not listed, not deleted, replaced by a write', async () => {
    const secret = path.join(root, 'secret.txt');
    await fs.writeFile(secret, 'do not leak');
    await fs.mkdir(directory);
    const link = path.join(directory, 'evil.enc');
    await fs.symlink(secret, link);

    await expect(storage.read('evil.enc')).rejects.toBeInstanceOf(NotFoundError);
    await expect(storage.read('evil.enc', { start: 0, end: 3 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(storage.pathOf('evil.enc')).rejects.toBeInstanceOf(NotFoundError);
    expect(await storage.stat('evil.enc')).toBeNull();
    expect(await storage.list()).toEqual([]);

    await storage.delete('evil.enc');
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);

    await storage.write('evil.enc', Readable.from([Buffer.from('new')]));
    expect((await fs.lstat(link)).isFile()).toBe(true);
    expect(await fs.readFile(secret, 'utf8')).toBe('do not leak');
  });

  it('treats a FIFO or a directory at a name as missing without blocking', async () => {
    await fs.mkdir(directory);
    execFileSync('mkfifo', [path.join(directory, 'pipe.enc')]);
    await fs.mkdir(path.join(directory, 'folder.enc'));
    for (const name of ['pipe.enc', 'folder.enc']) {
      await expect(storage.read(name)).rejects.toBeInstanceOf(NotFoundError);
      expect(await storage.stat(name)).toBeNull();
      await storage.delete(name);
      expect(await exists(path.join(directory, name))).toBe(true);
    }
  });

  it.each(['../../etc/passwd', '..%2F..%2Fetc%2Fpasswd', '%2e%2e/%2e%2e/etc/passwd', '..%252F..%252Fetc', '....//etc'])(
    'refuses the traversal name %s without touching anything outside or naming a path',
    async (name) => {
      await fs.mkdir(directory);
      const readError = await storage.read(name).catch((error: unknown) => error);
      expect(readError).toBeInstanceOf(NotFoundError);
      await expect(storage.pathOf(name)).rejects.toBeInstanceOf(NotFoundError);
      const writeError = await storage.write(name, Readable.from([Buffer.from('x')])).catch((error: unknown) => error);
      expect(writeError).toBeInstanceOf(StorageError);
      await expect(storage.writeWith(name, (tmpPath) => fs.writeFile(tmpPath, 'x'))).rejects.toBeInstanceOf(StorageError);
      for (const error of [readError, writeError]) {
        expect((error as Error).message).not.toContain(root);
        expect((error as Error).message).not.toContain('etc');
      }
      expect(await fs.readdir(root)).toEqual(['backups']);
      expect(await fs.readdir(directory)).toEqual([]);
    },
  );

  it('resolves names inside the real directory, also when the directory is a symlink', async () => {
    const real = path.join(root, 'real');
    await fs.mkdir(real);
    await fs.symlink(real, directory);
    await storage.write('c.enc', Readable.from([Buffer.from('z')]));
    expect(await storage.pathOf('c.enc')).toBe(path.join(await fs.realpath(real), 'c.enc'));
    expect(await fs.readFile(path.join(real, 'c.enc'), 'utf8')).toBe('z');
  });

  it('lets writeWith seek back to fill in a header and returns the writer result', async () => {
    const tag = randomBytes(GCM_TAG_LENGTH);
    const result = await storage.writeWith('sealed.enc', async (tmpPath) => {
      const handle = await fs.open(tmpPath, 'wx');
      try {
        await handle.write(Buffer.alloc(GCM_TAG_OFFSET + GCM_TAG_LENGTH + 100));
        await handle.write(tag, 0, GCM_TAG_LENGTH, GCM_TAG_OFFSET);
      } finally {
        await handle.close();
      }
      return 'written';
    });
    expect(result).toBe('written');
    const stored = await fs.readFile(await storage.pathOf('sealed.enc'));
    expect(stored.subarray(GCM_TAG_OFFSET, GCM_TAG_OFFSET + GCM_TAG_LENGTH).equals(tag)).toBe(true);
    expect(await fs.readdir(directory)).toEqual(['sealed.enc']);
  });

  it('reports an unusable directory as StorageError from checkReachable', async () => {
    await fs.writeFile(path.join(root, 'plain-file'), '');
    const broken = new LocalStorage(path.join(root, 'plain-file', 'backups'));
    await expect(broken.checkReachable()).rejects.toBeInstanceOf(StorageError);
    const error = await broken.write('a.enc', Readable.from([Buffer.from('x')])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).not.toContain(root);
  });

  it('reads a missing directory as empty and does not create it', async () => {
    expect(await storage.list()).toEqual([]);
    expect(await storage.stat('a.enc')).toBeNull();
    await expect(storage.read('a.enc')).rejects.toBeInstanceOf(NotFoundError);
    await storage.delete('a.enc');
    expect(await exists(directory)).toBe(false);
  });
});

describe('writeFileAtomically', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await makeTempDirectory();
  });
  afterEach(async () => {
    await fs.rm(directory, { recursive: true, force: true });
  });

  it('leaves neither a final nor a temp file when the writer throws midway', async () => {
    const target = path.join(directory, 'x.enc');
    const failure = new Error('writer died');
    await expect(
      writeFileAtomically(target, async (tmpPath) => {
        await fs.writeFile(tmpPath, randomBytes(1000));
        throw failure;
      }),
    ).rejects.toMatchObject({ code: 'INTERNAL', cause: failure });
    expect(await fs.readdir(directory)).toEqual([]);
  });

  it('keeps the previous file when a replacing writer throws', async () => {
    const target = path.join(directory, 'x.enc');
    await writeFileAtomically(target, (tmpPath) => fs.writeFile(tmpPath, 'old'));
    await expect(
      writeFileAtomically(target, async (tmpPath) => {
        await fs.writeFile(tmpPath, 'new but unfinished');
        throw new Error('writer died');
      }),
    ).rejects.toThrow();
    expect(await fs.readFile(target, 'utf8')).toBe('old');
    expect(await fs.readdir(directory)).toEqual(['x.enc']);
  });

  it('turns ENOSPC into DiskFullError and removes the temp file', async () => {
    const error = await writeFileAtomically(path.join(directory, 'x.enc'), async (tmpPath) => {
      await fs.writeFile(tmpPath, 'partial');
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC', syscall: 'write' });
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiskFullError);
    expect(await fs.readdir(directory)).toEqual([]);
  });

  it('fails with StorageError when the writer does not create the temp file', async () => {
    await expect(writeFileAtomically(path.join(directory, 'x.enc'), async () => 'nothing')).rejects.toBeInstanceOf(
      StorageError,
    );
    expect(await fs.readdir(directory)).toEqual([]);
  });

  it('refuses a symlink the writer leaves at the temp path', async () => {
    const outside = path.join(directory, 'outside.txt');
    await fs.writeFile(outside, 'outside');
    await expect(
      writeFileAtomically(path.join(directory, 'sub', 'x.enc'), (tmpPath) => fs.symlink(outside, tmpPath)),
    ).rejects.toBeInstanceOf(StorageError);
    expect(await fs.readdir(path.join(directory, 'sub'))).toEqual([]);
  });

  it('leaves only a temp file, never a final one, when the writing process is killed', async () => {
    const target = path.join(directory, 'killed.enc');
    const script = `
      import fs from 'node:fs/promises';
      import { writeFileAtomically } from ${JSON.stringify(ATOMIC_FILE_MODULE)};
      await writeFileAtomically(${JSON.stringify(target)}, async (tmpPath) => {
        const handle = await fs.open(tmpPath, 'wx');
        await handle.write(Buffer.alloc(64 * 1024));
        await handle.sync();
        process.stdout.write('writing\\n');
        await new Promise((resolve) => setTimeout(resolve, 60_000));
      });
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the writer did not start')), CHILD_START_TIMEOUT_MS);
        child.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('writing')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', (code) => reject(new Error(`the writer exited early (${code})`)));
      });
    } finally {
      child.kill('SIGKILL');
    }
    await new Promise((resolve) => child.once('close', resolve));
    expect(await exists(target)).toBe(false);
    const left = await fs.readdir(directory);
    expect(left).toHaveLength(1);
    expect(isTempFileName(left[0] ?? '')).toBe(true);
    expect(await removeStaleTempFiles(directory, 0)).toEqual(left);
    expect(await fs.readdir(directory)).toEqual([]);
  });
});

describe('stale temp files', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await makeTempDirectory();
  });
  afterEach(async () => {
    await fs.rm(directory, { recursive: true, force: true });
  });

  it('recognises temp names and nothing else', () => {
    expect(isTempFileName(path.basename(tempPathFor('/x/backup-2026.enc')))).toBe(true);
    for (const name of ['backup.enc', '.hidden', '.x.tmp', 'x.0123456789abcdef.tmp', '.x.0123456789ABCDEF.tmp']) {
      expect(isTempFileName(name), name).toBe(false);
    }
  });

  it('removes temp files older than the cut-off and nothing else', async () => {
    const old = path.basename(tempPathFor(path.join(directory, 'old.enc')));
    const fresh = path.basename(tempPathFor(path.join(directory, 'fresh.enc')));
    for (const name of [old, fresh, 'kept.enc', '.hidden']) await fs.writeFile(path.join(directory, name), name);
    const longAgo = new Date(Date.now() - 2 * HOUR_MS);
    for (const name of [old, 'kept.enc', '.hidden']) await fs.utimes(path.join(directory, name), longAgo, longAgo);

    expect(await removeStaleTempFiles(directory, HOUR_MS)).toEqual([old]);
    expect((await fs.readdir(directory)).sort()).toEqual(['.hidden', fresh, 'kept.enc'].sort());
    expect(await removeStaleTempFiles(directory)).toEqual([]);
    expect(await removeStaleTempFiles(directory, 0)).toEqual([fresh]);
  });

  it('treats a missing directory as having none', async () => {
    expect(await removeStaleTempFiles(path.join(directory, 'missing'))).toEqual([]);
  });
});
