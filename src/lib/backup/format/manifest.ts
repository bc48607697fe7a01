/**
 * The manifest (FORMAT.md §6.3): its schema, and the MANIFEST frame body
 * `MAGIC || UTF-8 JSON`. `decodeManifestBody` applies the checks of §9.4 in
 * order: magic and formatName (NotABackupError), formatVersion
 * (UnsupportedVersionError), then the full schema (CorruptBackupError).
 * `encodeManifestBody` validates first, so a writer cannot emit a manifest
 * its own reader would reject.
 */
import { z } from 'zod';
import { NotABackupError, UnsupportedVersionError, toBackupError } from '../errors';
import { FINGERPRINT_HEX_LENGTH, FORMAT_NAME, FORMAT_VERSION, MAGIC, MAGIC_LENGTH } from './constants';
import { checkJson, encodeJsonBody, parseJsonText } from './json-body';

const name = z.string().min(1);

export const columnSchema = z.object({ name, type: name });

export const manifestTableSchema = z.object({
  name,
  columns: z.array(columnSchema),
  rowEstimate: z.int().nonnegative().optional(),
  /** The primary key's columns, in key order (optional: older files and tables without one lack it). */
  primaryKey: z.array(name).min(1).optional(),
});

export const sequenceStateSchema = z.object({
  table: name,
  column: name,
  sequence: name,
  value: z.string().regex(/^-?\d{1,19}$/, 'a decimal 64-bit integer'),
  isCalled: z.boolean(),
});

export const manifestSchema = z.object({
  formatName: z.literal(FORMAT_NAME),
  formatVersion: z.literal(FORMAT_VERSION),
  appVersion: z.string(),
  createdAt: z.iso.datetime(),
  postgres: z.object({ serverVersion: z.string(), database: z.string() }),
  migrations: z.array(z.object({ name, checksum: z.string() })),
  tables: z.array(manifestTableSchema).refine((tables) => new Set(tables.map((t) => t.name)).size === tables.length, {
    message: 'table names must be unique',
  }),
  sequences: z.array(sequenceStateSchema),
  excludedTables: z.array(z.string()),
  keyFingerprint: z.string().regex(new RegExp(`^[0-9a-f]{${FINGERPRINT_HEX_LENGTH}}$`)),
  label: z.string().optional(),
  trigger: z.string().optional(),
});

export type Manifest = z.output<typeof manifestSchema>;
export type ManifestTable = z.output<typeof manifestTableSchema>;
export type SequenceState = z.output<typeof sequenceStateSchema>;

const WHAT = 'manifest';

export function encodeManifestBody(manifest: Manifest): Buffer {
  const result = manifestSchema.safeParse(manifest);
  if (!result.success) throw toBackupError(new TypeError(`refusing to write an invalid manifest: ${result.error.message}`));
  return Buffer.concat([MAGIC, encodeJsonBody(result.data)]);
}

export function decodeManifestBody(body: Buffer): Manifest {
  if (body.length < MAGIC_LENGTH || !body.subarray(0, MAGIC_LENGTH).equals(MAGIC)) {
    throw new NotABackupError('the content does not start with the backup magic');
  }
  const value = parseJsonText(body.subarray(MAGIC_LENGTH), WHAT);
  const fields = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (fields.formatName !== FORMAT_NAME) throw new NotABackupError(`the manifest does not name the format "${FORMAT_NAME}"`);
  const version = fields.formatVersion;
  if (typeof version === 'number' && Number.isInteger(version) && version > FORMAT_VERSION) {
    throw new UnsupportedVersionError(String(version), String(FORMAT_VERSION));
  }
  return checkJson(value, manifestSchema, WHAT);
}
