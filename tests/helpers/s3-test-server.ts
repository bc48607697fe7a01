/**
 * Test fixtures for the S3 back end (not a test file): an s3rver on 127.0.0.1 with a
 * random port and its own temp directory, and a TCP proxy that cuts every connection once
 * a byte budget is spent. s3rver 3.7 departs from S3 in three ways that matter here, and
 * a middleware in front of it restores S3's behaviour:
 * - it accepts any SigV4 signature from a known key id: the fixture verifies signatures;
 * - it has no AbortMultipartUpload: the fixture implements it, and `uploadsInProgress`
 *   reads the uploads s3rver keeps on disk, so leftover parts are checkable;
 * - it writes a PUT body straight into the object, so a cut connection leaves a partial
 *   object: the fixture passes a single PUT on only once its whole body has arrived.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

import { S3Storage, MIN_PART_SIZE, type S3StorageConfig } from '../../src/lib/backup/storage/s3-storage';

export const TEST_BUCKET = 'backups';
/** s3rver's built-in account. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
const LOOPBACK = '127.0.0.1';
const UPLOADS_DIRECTORY = '._S3rver_uploads';
const UPLOAD_ID_PATTERN = /^[0-9a-f]{32}$/;
/** s3rver writes a part's checksum file once the part is complete. */
const STORED_PART_PATTERN = /^\d+\.md5$/;
const HTTP_NO_CONTENT = 204;
const HTTP_FORBIDDEN = 403;
const MAX_BUFFERED_PUT_BYTES = 64 * 1024 * 1024;
const SIGV4_AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;
const SIGNATURE_MISMATCH_XML =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message></Error>';

interface KoaContext {
  method: string;
  path: string;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  status: number;
  type: string;
  body: unknown;
  req: IncomingMessage | Readable;
}
type KoaMiddleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;
interface S3rverInstance {
  middleware: KoaMiddleware[];
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
interface S3rverOptions {
  port: number;
  address: string;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string }[];
}
const S3rver = createRequire(import.meta.url)('s3rver') as new (options: S3rverOptions) => S3rverInstance;

export interface RecordedRequest {
  method: string;
  path: string;
  /** Query parameter names, e.g. ["uploads"] or ["partNumber", "uploadId"]. */
  query: string[];
}

export interface TestS3Server {
  endpoint: string;
  port: number;
  requests: RecordedRequest[];
  /** Upload ids of multipart uploads started and neither completed nor aborted. */
  uploadsInProgress(): Promise<string[]>;
  /** Parts fully stored for the uploads in progress. */
  storedParts(): Promise<number>;
  /** An S3Storage on this server: fresh random prefix unless given, 5 MiB parts. */
  storage(overrides?: Partial<S3StorageConfig>): S3Storage;
  close(): Promise<void>;
}

export async function startTestS3Server(): Promise<TestS3Server> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 's3rver-'));
  const server = new S3rver({
    port: 0,
    address: LOOPBACK,
    silent: true,
    directory,
    configureBuckets: [{ name: TEST_BUCKET }],
  });
  const requests: RecordedRequest[] = [];
  const uploadsDirectory = path.join(directory, TEST_BUCKET, UPLOADS_DIRECTORY);
  server.middleware.unshift(async (ctx, next) => {
    const request = ctx.req as IncomingMessage;
    requests.push({ method: ctx.method, path: ctx.path, query: Object.keys(ctx.query).sort() });
    if (!hasValidSignature(request)) {
      await readWholeBody(request);
      ctx.status = HTTP_FORBIDDEN;
      ctx.type = 'application/xml';
      ctx.body = SIGNATURE_MISMATCH_XML;
      return;
    }
    const uploadId = ctx.query['uploadId'];
    if (ctx.method === 'DELETE' && typeof uploadId === 'string' && UPLOAD_ID_PATTERN.test(uploadId)) {
      await fs.rm(path.join(uploadsDirectory, uploadId), { recursive: true, force: true });
      ctx.status = HTTP_NO_CONTENT;
      return;
    }
    const isSinglePut =
      ctx.method === 'PUT' &&
      Object.keys(ctx.query).every((name) => name === 'x-id') &&
      ctx.headers['x-amz-copy-source'] === undefined;
    if (isSinglePut && ctx.path.split('/').filter(Boolean).length > 1) {
      const body = await readWholeBody(request);
      if (body === null) return;
      ctx.req = Readable.from([body]);
    }
    await next();
  });
  const { port } = await server.run();
  const endpoint = `http://${LOOPBACK}:${port}`;
  const storages: S3Storage[] = [];
  const uploadsInProgress = async (): Promise<string[]> => {
    try {
      return await fs.readdir(uploadsDirectory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  };
  return {
    endpoint,
    port,
    requests,
    uploadsInProgress,
    async storedParts() {
      let parts = 0;
      for (const uploadId of await uploadsInProgress()) {
        const files = await fs.readdir(path.join(uploadsDirectory, uploadId)).catch(() => []);
        parts += files.filter((file) => STORED_PART_PATTERN.test(file)).length;
      }
      return parts;
    },
    storage(overrides = {}) {
      const storage = new S3Storage({
        bucket: TEST_BUCKET,
        prefix: `test-${Math.random().toString(36).slice(2)}`,
        endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        partSize: MIN_PART_SIZE,
        ...S3RVER_CREDENTIALS,
        ...overrides,
      });
      storages.push(storage);
      return storage;
    },
    async close() {
      for (const storage of storages) storage.close();
      await server.close();
      await fs.rm(directory, { recursive: true, force: true });
    },
  };
}

/** The whole body, or null when the client went away before sending all it announced. */
async function readWholeBody(request: IncomingMessage): Promise<Buffer | null> {
  const announced = Number(request.headers['content-length'] ?? Number.NaN);
  const chunks: Buffer[] = [];
  let received = 0;
  try {
    for await (const chunk of request) {
      received += (chunk as Buffer).length;
      if (received > MAX_BUFFERED_PUT_BYTES) return null;
      chunks.push(chunk as Buffer);
    }
  } catch {
    return null;
  }
  if (!request.complete || (Number.isFinite(announced) && received !== announced)) return null;
  return Buffer.concat(chunks);
}

/**
 * Recomputes the SigV4 header signature with the account's secret. Requests without a
 * SigV4 header or from an unknown key id are left for s3rver to judge.
 */
function hasValidSignature(request: IncomingMessage): boolean {
  const match = SIGV4_AUTHORIZATION.exec(String(request.headers.authorization ?? ''));
  if (match === null) return true;
  const [, accessKeyId, date, region, service, signedHeaders, signature] = match as unknown as string[];
  if (accessKeyId !== S3RVER_CREDENTIALS.accessKeyId) return true;
  const [rawPath = '/', rawQuery = ''] = (request.url ?? '/').split('?', 2);
  const canonicalQuery = rawQuery
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const [key = '', value = ''] = pair.split('=', 2).map((part) => rfc3986(decodeURIComponent(part)));
      return [key, value] as const;
    })
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const headerNames = (signedHeaders ?? '').split(';');
  const canonicalHeaders = headerNames
    .map((name) => {
      const value = request.headers[name];
      const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
      return `${name}:${joined.trim().replace(/\s+/g, ' ')}\n`;
    })
    .join('');
  const payloadHash = String(request.headers['x-amz-content-sha256'] ?? 'UNSIGNED-PAYLOAD');
  const canonicalRequest = [request.method, rawPath, canonicalQuery, canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    String(request.headers['x-amz-date'] ?? ''),
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  let key: Buffer = Buffer.from(`AWS4${S3RVER_CREDENTIALS.secretAccessKey}`);
  for (const part of [date, region, service, 'aws4_request']) key = createHmac('sha256', key).update(part ?? '').digest();
  const expected = createHmac('sha256', key).update(stringToSign).digest();
  return timingSafeEqual(expected, Buffer.from(signature ?? '', 'hex'));
}

function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface DroppingProxy {
  endpoint: string;
  /** True once the budget was spent and the connections were cut. */
  readonly tripped: boolean;
  close(): Promise<void>;
}

/**
 * Forwards 127.0.0.1 connections to `targetPort`; once `budgetBytes` have passed in either
 * direction in total, it destroys every connection and refuses new ones, like a server
 * that went away mid-transfer.
 */
export async function startDroppingProxy(targetPort: number, budgetBytes: number): Promise<DroppingProxy> {
  const sockets = new Set<net.Socket>();
  let forwarded = 0;
  let tripped = false;
  const cutAll = () => {
    tripped = true;
    for (const socket of sockets) socket.destroy();
  };
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };
  const forward = (from: net.Socket, to: net.Socket) => {
    from.on('data', (chunk: Buffer) => {
      forwarded += chunk.length;
      if (forwarded > budgetBytes) {
        cutAll();
        return;
      }
      if (!to.write(chunk)) from.pause();
    });
    to.on('drain', () => from.resume());
    from.once('close', () => to.destroy());
  };
  const proxy = net.createServer((client) => {
    track(client);
    if (tripped) {
      client.destroy();
      return;
    }
    const upstream = net.connect(targetPort, LOOPBACK);
    track(upstream);
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((resolve, reject) => {
    proxy.once('error', reject);
    proxy.listen(0, LOOPBACK, resolve);
  });
  const { port } = proxy.address() as AddressInfo;
  return {
    endpoint: `http://${LOOPBACK}:${port}`,
    get tripped() {
      return tripped;
    },
    async close() {
      cutAll();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}
