import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { StorageError } from '@/lib/backup/errors';

import { rangeHeader, relayWithStorageErrors, servedRangeStart } from './response-body';
import { readAll } from '../../../../tests/helpers/read-all';

const CHUNK = 7;

function chunkedBody(data: Buffer): Readable {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += CHUNK) chunks.push(data.subarray(offset, offset + CHUNK));
  return Readable.from(chunks, { objectMode: false });
}

const toError = (cause: unknown) => new StorageError('download failed', { cause });

describe('range headers', () => {
  it('asks for inclusive ranges and for nothing special when the whole object is wanted', () => {
    expect(rangeHeader(undefined)).toBeUndefined();
    expect(rangeHeader({ start: 0 })).toBeUndefined();
    expect(rangeHeader({ start: 0, end: 0 })).toBe('bytes=0-0');
    expect(rangeHeader({ start: 10 })).toBe('bytes=10-');
  });

  it('reads where a response starts from Content-Range, else from byte 0', () => {
    expect(servedRangeStart('bytes 10-19/100')).toBe(10);
    expect(servedRangeStart('bytes 0-99/*')).toBe(0);
    expect(servedRangeStart(undefined)).toBe(0);
    expect(servedRangeStart('garbage')).toBe(0);
  });
});

describe('relayWithStorageErrors', () => {
  it('cuts the exact window out of a body that ignored the range, at any chunk split', async () => {
    const data = randomBytes(100);
    for (const [skip, length] of [
      [0, 1],
      [6, 2],
      [7, 7],
      [13, 30],
      [95, 5],
      [95, Number.POSITIVE_INFINITY],
    ] as const) {
      const body = chunkedBody(data);
      const relayed = await readAll(relayWithStorageErrors(body, toError, { skip, length }));
      expect(relayed.equals(data.subarray(skip, skip + length)), `${skip}+${length}`).toBe(true);
    }
  });

  it('releases the body once the window is delivered', async () => {
    const body = chunkedBody(randomBytes(1000));
    await readAll(relayWithStorageErrors(body, toError, { skip: 3, length: 10 }));
    expect(body.destroyed).toBe(true);
  });

  it('maps a mid-stream failure and emits exactly one error', async () => {
    const cause = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    async function* failing() {
      yield Buffer.from('partial');
      throw cause;
    }
    const relay = relayWithStorageErrors(Readable.from(failing(), { objectMode: false }), toError);
    const errors: unknown[] = [];
    relay.on('error', (error) => errors.push(error));
    await expect(readAll(relay)).rejects.toBeInstanceOf(StorageError);
    expect(errors).toHaveLength(1);
    expect((errors[0] as StorageError).cause).toBe(cause);
  });

  it('destroys the body when the consumer gives up early', async () => {
    const body = chunkedBody(randomBytes(1000));
    const relay = relayWithStorageErrors(body, toError);
    for await (const chunk of relay) {
      expect((chunk as Buffer).length).toBeGreaterThan(0);
      break;
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(body.destroyed).toBe(true);
  });
});
