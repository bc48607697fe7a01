import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Readable } from 'node:stream';
import { inspect } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { BackupError, ConfigError, DatabaseUnavailableError, StorageError } from '@/lib/backup/errors';

import { sha256OfStream } from './checksum';
import { describeStorageConformance, LARGE_OBJECT_SIZE } from '../../../../tests/helpers/storage-conformance';
import { MIN_PART_SIZE, S3Storage } from './s3-storage';
import { S3RVER_CREDENTIALS, startDroppingProxy, startTestS3Server, TEST_BUCKET, type TestS3Server } from '../../../../tests/helpers/s3-test-server';

const MIB = 1024 * 1024;
const WRONG_SECRET = 'wrong-secret-7f3a9c1e5b2d4f6a8c0e';
/** Enough for the create request and part of the first 5 MiB part. */
const PROXY_BUDGET_BYTES = 2 * MIB;
const STREAM_CHUNK_SIZE = 64 * 1024;
const READY_POLL_MS = 20;
const MAX_READY_POLLS = 500;

function bytes(size: number): Readable {
  return Readable.from([randomBytes(size)]);
}

/** Streams `size` bytes in small chunks, waits until `ready()` holds, then fails. */
function failingOnceReady(size: number, ready: () => Promise<boolean>, error: Error): Readable {
  async function* produce() {
    for (let sent = 0; sent < size; sent += STREAM_CHUNK_SIZE) yield randomBytes(Math.min(STREAM_CHUNK_SIZE, size - sent));
    for (let poll = 0; poll < MAX_READY_POLLS && !(await ready()); poll++) {
      await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
    }
    throw error;
  }
  return Readable.from(produce(), { objectMode: false });
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function expectNoSecret(error: unknown, secret: string): void {
  expect(error).toBeInstanceOf(StorageError);
  expect((error as Error).message).not.toContain(secret);
  expect(inspect(error, { depth: 10 })).not.toContain(secret);
}

let server: TestS3Server;

beforeAll(async () => {
  server = await startTestS3Server();
});
afterAll(async () => {
  await server.close();
});

describeStorageConformance('S3Storage (s3rver)', async () => {
  const storage = server.storage();
  const other = server.storage({ prefix: `${storage.describe().split('/').pop()}-other` });
  return {
    storage,
    async cleanup() {
      storage.close();
      other.close();
    },
    async plantForeignEntries() {
      // A sibling prefix that shares the first characters, a nested key and invalid names.
      await other.write('foreign.enc', bytes(5));
      const nested = server.storage({ prefix: `${storage.describe().split('/').pop()}/nested` });
      await nested.write('deep.enc', bytes(5));
      const root = server.storage({ prefix: '' });
      await root.write('root.enc', bytes(5));
    },
  };
});

describe('S3Storage', () => {
  it('describes itself without credentials', () => {
    const storage = server.storage({ prefix: 'school-a/nightly/', secretAccessKey: WRONG_SECRET });
    expect(storage.describe()).toBe(`s3://${TEST_BUCKET}/school-a/nightly`);
    expect(server.storage({ prefix: '' }).describe()).toBe(`s3://${TEST_BUCKET}`);
    expect(inspect(storage.describe())).not.toContain(WRONG_SECRET);
  });

  it('rejects invalid settings with ConfigError that does not echo the secret', () => {
    for (const overrides of [{ partSize: MIN_PART_SIZE - 1 }, { prefix: '../escape' }, { prefix: '/abs' }, { endpoint: 'not a url' }]) {
      const error = (() => {
        try {
          server.storage({ ...overrides, secretAccessKey: WRONG_SECRET });
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error, JSON.stringify(overrides)).toBeInstanceOf(ConfigError);
      expect((error as Error).message).not.toContain(WRONG_SECRET);
    }
    const missingSecret = (() => {
      try {
        return new S3Storage({ bucket: TEST_BUCKET, accessKeyId: 'x', secretAccessKey: '' });
      } catch (e) {
        return e;
      }
    })();
    expect(missingSecret).toBeInstanceOf(ConfigError);
    expect((missingSecret as Error).message).toContain('secretAccessKey');
  });

  it('uploads large objects as a streamed multipart upload', async () => {
    const storage = server.storage();
    const before = server.requests.length;
    await storage.write('multi.enc', bytes(LARGE_OBJECT_SIZE));
    const made = server.requests.slice(before);
    expect(made.filter((r) => r.method === 'POST' && r.query.includes('uploads'))).toHaveLength(1);
    expect(made.filter((r) => r.method === 'PUT' && r.query.includes('partNumber'))).toHaveLength(3);
    expect(made.filter((r) => r.method === 'POST' && r.query.includes('uploadId'))).toHaveLength(1);
    expect(await server.uploadsInProgress()).toEqual([]);
    storage.close();
  });

  it('aborts the multipart upload when the source fails after some parts, leaving no parts and no object', async () => {
    const storage = server.storage();
    const before = server.requests.length;
    const failure = new DatabaseUnavailableError('dropped during the test');
    const partsStored = async () => (await server.storedParts()) === 2;
    await expect(storage.write('aborted.enc', failingOnceReady(2 * MIN_PART_SIZE + 1, partsStored, failure))).rejects.toBe(
      failure,
    );
    const made = server.requests.slice(before);
    expect(made.filter((r) => r.method === 'PUT' && r.query.includes('partNumber'))).toHaveLength(2);
    expect(made.filter((r) => r.method === 'DELETE' && r.query.includes('uploadId'))).toHaveLength(1);
    expect(await server.uploadsInProgress()).toEqual([]);
    expect(await storage.stat('aborted.enc')).toBeNull();
    storage.close();
  });

  it('reports wrong credentials as an authentication failure without revealing the secret', async () => {
    const good = server.storage();
    await good.write('present.enc', bytes(10));
    const bad = server.storage({ prefix: good.describe().split('/').pop(), secretAccessKey: WRONG_SECRET });
    const attempts: [string, () => Promise<unknown>][] = [
      ['checkReachable', () => bad.checkReachable()],
      ['write', () => bad.write('new.enc', bytes(10))],
      ['write multipart', () => bad.write('big.enc', bytes(LARGE_OBJECT_SIZE))],
      ['read', () => bad.read('present.enc')],
      ['stat', () => bad.stat('present.enc')],
      ['list', () => bad.list()],
      ['delete', () => bad.delete('present.enc')],
    ];
    for (const [label, attempt] of attempts) {
      const error = await attempt().then(
        () => undefined,
        (e: unknown) => e,
      );
      expectNoSecret(error, WRONG_SECRET);
      expect((error as Error).message, label).toMatch(/authentication with the bucket failed/);
    }
    expect(await good.stat('new.enc')).toBeNull();
    expect(await good.stat('big.enc')).toBeNull();
    expect(await good.stat('present.enc')).not.toBeNull();
    const unknownKey = server.storage({ accessKeyId: 'NOT-A-KEY', secretAccessKey: WRONG_SECRET });
    const error = await unknownKey.checkReachable().catch((e: unknown) => e);
    expectNoSecret(error, WRONG_SECRET);
    expect((error as Error).message).toMatch(/authentication with the bucket failed/);
    good.close();
  });

  it('reports a missing bucket and an unreachable endpoint clearly', async () => {
    const noBucket = server.storage({ bucket: 'no-such-bucket' });
    await expect(noBucket.checkReachable()).rejects.toThrow(/bucket does not exist/);
    await expect(noBucket.write('x.enc', bytes(1))).rejects.toThrow(/bucket does not exist/);

    const nowhere = server.storage({ endpoint: `http://127.0.0.1:${await freePort()}` });
    const error = await nowhere.checkReachable().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toMatch(/could not be reached or the connection dropped \(ECONNREFUSED\)/);
  });

  it.each([
    ['a single-request upload', MIN_PART_SIZE - 1],
    ['a multipart upload', LARGE_OBJECT_SIZE],
  ])('fails with StorageError and stores nothing when the server drops mid-way through %s', async (_label, size) => {
    const proxy = await startDroppingProxy(server.port, PROXY_BUDGET_BYTES);
    try {
      const prefix = `dropped-${Math.random().toString(36).slice(2)}`;
      const viaProxy = server.storage({ prefix, endpoint: proxy.endpoint });
      const direct = server.storage({ prefix });
      const error = await viaProxy.write('cut.enc', bytes(size)).catch((e: unknown) => e);
      expect(proxy.tripped).toBe(true);
      expectNoSecret(error, S3RVER_CREDENTIALS.secretAccessKey);
      expect((error as BackupError).message).toMatch(/^Uploading to s3:\/\/backups\/dropped-\w+ failed: the storage service could not be reached or the connection dropped/);
      expect(await direct.stat('cut.enc')).toBeNull();
      expect(await direct.list()).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('fails the read stream with StorageError when the server drops mid-download', async () => {
    const prefix = `dropped-read-${Math.random().toString(36).slice(2)}`;
    const direct = server.storage({ prefix });
    await direct.write('big.enc', bytes(LARGE_OBJECT_SIZE));
    const proxy = await startDroppingProxy(server.port, PROXY_BUDGET_BYTES);
    try {
      const viaProxy = server.storage({ prefix, endpoint: proxy.endpoint });
      const stream = await viaProxy.read('big.enc');
      const error = await sha256OfStream(stream).catch((e: unknown) => e);
      expect(proxy.tripped).toBe(true);
      expectNoSecret(error, S3RVER_CREDENTIALS.secretAccessKey);
      expect((error as Error).message).toMatch(/^Downloading from s3:\/\/backups\/dropped-read-\w+ failed: /);
    } finally {
      await proxy.close();
    }
  });

  it('isolates prefixes, including ones that share leading characters', async () => {
    const a = server.storage({ prefix: 'school-a' });
    const aOld = server.storage({ prefix: 'school-a-old' });
    await a.write('same.enc', bytes(1));
    await aOld.write('same.enc', bytes(2));
    await aOld.write('only-old.enc', bytes(3));
    expect((await a.list()).map(({ name, size }) => ({ name, size }))).toEqual([{ name: 'same.enc', size: 1 }]);
    expect((await aOld.list()).map((o) => o.name)).toEqual(['only-old.enc', 'same.enc']);
    expect(await a.stat('only-old.enc')).toBeNull();
    await a.delete('same.enc');
    expect((await aOld.stat('same.enc'))?.size).toBe(2);
  });
});
