/**
 * JSON frame bodies: UTF-8 without BOM, one JSON value checked against a zod
 * schema. Any failure to decode is `CorruptBackupError` naming the frame, with
 * the schema path but never the content. Unknown object fields are dropped,
 * as FORMAT.md §9 requires readers to ignore them.
 */
import type { z } from 'zod';
import { CorruptBackupError } from '../errors';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function parseJsonText(body: Uint8Array, what: string): unknown {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new CorruptBackupError(`the ${what} is not valid UTF-8`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new CorruptBackupError(`the ${what} is not valid JSON`);
  }
}

export function checkJson<S extends z.ZodType>(value: unknown, schema: S, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new CorruptBackupError(`the ${what} is malformed${where}`);
  }
  return result.data;
}

export function decodeJsonBody<S extends z.ZodType>(body: Uint8Array, schema: S, what: string): z.output<S> {
  return checkJson(parseJsonText(body, what), schema, what);
}

export function encodeJsonBody(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}
