/**
 * BackupStorage over any S3-compatible bucket. Object `name` lives at key `prefix/name`.
 * Writes stream through lib-storage's multipart `Upload` (memory stays near
 * (queueSize + 1) × partSize whatever the file size); S3 publishes an object only when the
 * upload completes, so readers never see part of one, and a failed upload is aborted
 * (`leavePartsOnError: false`). A bucket lifecycle rule that aborts incomplete multipart
 * uploads is still advised: an abort cannot reach a server that has gone away.
 * Every failure becomes a StorageError (NotFoundError for missing objects) whose message
 * names the operation and `describe()` but never a credential.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { z } from 'zod';

import { BackupError, CancelledError, ConfigError, StorageError, toBackupError } from '@/lib/backup/errors';

import { ByteCounter } from './byte-counter';
import { rangeHeader, relayWithStorageErrors, servedRangeStart } from './response-body';
import { describeS3Failure, errorCode, isMissingObject, isRangeNotSatisfiable } from './s3-errors';
import {
  assertValidRange,
  assertWritableName,
  compareByName,
  emptyByteStream,
  isValidObjectName,
  objectNotFound,
  type BackupStorage,
  type ByteRange,
  type StoredObject,
  type WriteOptions,
} from './storage';

const MIB = 1024 * 1024;
/** S3's smallest allowed part (except the last). */
export const MIN_PART_SIZE = 5 * MIB;
export const MAX_PART_SIZE = 5 * 1024 * MIB;
export const DEFAULT_PART_SIZE = 16 * MIB;
export const DEFAULT_QUEUE_SIZE = 2;
const MAX_QUEUE_SIZE = 8;
const DEFAULT_REGION = 'us-east-1';
const CONNECT_TIMEOUT_MS = 10_000;
const SOCKET_IDLE_TIMEOUT_MS = 120_000;
/** ListObjectsV2 returns at most 1000 keys a page: this bounds a listing at 100 million. */
const MAX_LIST_PAGES = 100_000;
const KEY_SEPARATOR = '/';
const PREFIX_SEGMENT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const PREMATURE_CLOSE = 'ERR_STREAM_PREMATURE_CLOSE';

function isValidPrefix(prefix: string): boolean {
  if (prefix === '') return true;
  const trimmed = prefix.endsWith(KEY_SEPARATOR) ? prefix.slice(0, -1) : prefix;
  return trimmed.split(KEY_SEPARATOR).every((segment) => PREFIX_SEGMENT_PATTERN.test(segment) && !segment.includes('..'));
}

export const s3StorageConfigSchema = z.object({
  bucket: z.string().min(1).regex(/^[^/\s]+$/),
  /** Folder-like key prefix, e.g. "school-a/backups"; "" for the bucket's root. */
  prefix: z.string().refine(isValidPrefix).default(''),
  /** For S3-compatible services (MinIO, R2, B2, …); omit for AWS. */
  endpoint: z.url().optional(),
  region: z.string().min(1).default(DEFAULT_REGION),
  accessKeyId: z.string().min(1),
  secretAccessKey: z.string().min(1),
  forcePathStyle: z.boolean().default(false),
  partSize: z.number().int().min(MIN_PART_SIZE).max(MAX_PART_SIZE).default(DEFAULT_PART_SIZE),
  queueSize: z.number().int().min(1).max(MAX_QUEUE_SIZE).default(DEFAULT_QUEUE_SIZE),
});
export type S3StorageConfig = z.input<typeof s3StorageConfigSchema>;

type S3Action = 'Uploading to' | 'Downloading from' | 'Reading details from' | 'Listing' | 'Deleting from' | 'Reaching';

export class S3Storage implements BackupStorage {
  readonly kind = 's3' as const;
  private readonly client: S3Client;
  private readonly bucket: string;
  /** "" or ends with "/". */
  private readonly keyPrefix: string;
  private readonly partSize: number;
  private readonly queueSize: number;

  constructor(config: S3StorageConfig) {
    const parsed = s3StorageConfigSchema.safeParse(config);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(settings)'))];
      throw new ConfigError(`The S3 storage settings are invalid: check ${fields.join(', ')}.`);
    }
    const settings = parsed.data;
    this.bucket = settings.bucket;
    this.keyPrefix =
      settings.prefix === '' || settings.prefix.endsWith(KEY_SEPARATOR) ? settings.prefix : settings.prefix + KEY_SEPARATOR;
    this.partSize = settings.partSize;
    this.queueSize = settings.queueSize;
    this.client = new S3Client({
      region: settings.region,
      ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
      forcePathStyle: settings.forcePathStyle,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
      // Many S3-compatible services reject the SDK's newer default trailing checksums;
      // integrity is checked end to end by re-hashing the stored copy (see copy.ts).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: { connectionTimeout: CONNECT_TIMEOUT_MS, socketTimeout: SOCKET_IDLE_TIMEOUT_MS },
    });
  }

  describe(): string {
    const prefix = this.keyPrefix.endsWith(KEY_SEPARATOR) ? this.keyPrefix.slice(0, -1) : this.keyPrefix;
    return prefix === '' ? `s3://${this.bucket}` : `s3://${this.bucket}/${prefix}`;
  }

  /** Closes the client's idle connections; the storage must not be used afterwards. */
  close(): void {
    this.client.destroy();
  }

  async write(name: string, source: Readable, options: WriteOptions = {}): Promise<{ size: number }> {
    const { signal, onProgress } = options;
    try {
      assertWritableName(name);
      if (signal?.aborted) throw new CancelledError();
    } catch (error) {
      source.destroy();
      throw error;
    }
    const Key = this.keyOf(name);
    const counter = new ByteCounter(onProgress);
    // A source failure or an abort destroys `counter`, which fails the Upload and so aborts it.
    const piping = pipeline(source, counter, signal ? { signal } : {}).then(
      () => undefined,
      (error: unknown) => error ?? new Error('stream failed'),
    );
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key, Body: counter },
      partSize: this.partSize,
      queueSize: this.queueSize,
      leavePartsOnError: false,
    });
    let uploadError: unknown;
    let uploaded = false;
    try {
      await upload.done();
      uploaded = true;
    } catch (error) {
      uploadError = error;
      if (!counter.destroyed) counter.destroy();
    }
    const sourceError = await piping;
    if (uploaded && sourceError === undefined) return { size: counter.bytes };
    source.destroy();
    if (uploaded) await this.deleteKeyQuietly(Key);
    if (sourceError !== undefined && (uploaded || errorCode(sourceError) !== PREMATURE_CLOSE)) throw toBackupError(sourceError);
    if (errorCode(uploadError) === PREMATURE_CLOSE) {
      throw new StorageError(`Uploading to ${this.describe()} failed: the data stream closed before it ended. Nothing was stored.`, {
        cause: uploadError,
      });
    }
    throw this.failure('Uploading to', uploadError);
  }

  async read(name: string, range?: ByteRange): Promise<Readable> {
    assertValidRange(range);
    if (!isValidObjectName(name)) throw objectNotFound(name);
    const Range = rangeHeader(range);
    let body: unknown;
    let contentRange: string | undefined;
    try {
      const output = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(name), Range }));
      body = output.Body;
      contentRange = output.ContentRange;
    } catch (error) {
      if (isRangeNotSatisfiable(error)) return emptyByteStream();
      if (isMissingObject(error)) throw objectNotFound(name);
      throw this.failure('Downloading from', error);
    }
    if (!(body instanceof Readable)) {
      throw new StorageError(`Downloading from ${this.describe()} failed: the service returned no data stream.`);
    }
    const toError = (error: unknown) => this.failure('Downloading from', error);
    if (range === undefined || Range === undefined) return relayWithStorageErrors(body, toError);
    // Some S3-compatible servers ignore or widen a Range: keep exactly the bytes asked for.
    const servedFrom = servedRangeStart(contentRange);
    if (servedFrom > range.start) {
      body.destroy();
      throw new StorageError(`Downloading from ${this.describe()} failed: the service returned the wrong byte range.`);
    }
    const length = range.end === undefined ? Number.POSITIVE_INFINITY : range.end - range.start + 1;
    return relayWithStorageErrors(body, toError, { skip: range.start - servedFrom, length });
  }

  async stat(name: string): Promise<StoredObject | null> {
    if (!isValidObjectName(name)) return null;
    try {
      const output = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.keyOf(name) }));
      return { name, size: output.ContentLength ?? 0, modifiedAt: output.LastModified ?? new Date(0) };
    } catch (error) {
      if (isMissingObject(error)) return null;
      throw this.failure('Reading details from', error);
    }
  }

  async list(): Promise<StoredObject[]> {
    const objects: StoredObject[] = [];
    let continuationToken: string | undefined;
    for (let page = 0; page < MAX_LIST_PAGES; page++) {
      let output;
      try {
        output = await this.client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: this.keyPrefix,
            Delimiter: KEY_SEPARATOR,
            ContinuationToken: continuationToken,
          }),
        );
      } catch (error) {
        throw this.failure('Listing', error);
      }
      for (const entry of output.Contents ?? []) {
        const name = entry.Key?.slice(this.keyPrefix.length);
        if (!isValidObjectName(name)) continue;
        objects.push({ name, size: entry.Size ?? 0, modifiedAt: entry.LastModified ?? new Date(0) });
      }
      continuationToken = output.IsTruncated ? output.NextContinuationToken : undefined;
      if (continuationToken === undefined) return objects.sort(compareByName);
    }
    throw new StorageError(`Listing ${this.describe()} failed: it holds more objects than can be listed.`);
  }

  async delete(name: string): Promise<void> {
    assertWritableName(name);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.keyOf(name) }));
    } catch (error) {
      if (isMissingObject(error)) return;
      throw this.failure('Deleting from', error);
    }
  }

  async checkReachable(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      throw this.failure('Reaching', error);
    }
  }

  private keyOf(name: string): string {
    return this.keyPrefix + name;
  }

  private async deleteKeyQuietly(Key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key })).catch(() => undefined);
  }

  /** The message is fixed text plus the classified reason: never the SDK's own message. */
  private failure(action: S3Action, error: unknown): BackupError {
    if (error instanceof BackupError) return error;
    return new StorageError(`${action} ${this.describe()} failed: ${describeS3Failure(error, action === 'Reaching')}.`, {
      cause: error,
    });
  }
}
