/**
 * The manifest (FORMAT.md §6.3): its schema, and the MANIFEST frame body
 * `MAGIC || UTF-8 JSON`. `decodeManifestBody` applies the checks of §9.4 in
 * order: magic and formatName (NotABackupError), formatVersion
 * (UnsupportedVersionError), then the full schema of that version
 * (CorruptBackupError). A version-1 manifest (public schema only, bare table
 * names) is read into the version-2 shape (§12), keeping `formatVersion: 1`
 * so the restore knows its scope. `encodeManifestBody` validates first, so a
 * writer cannot emit a manifest its own reader would reject.
 */
import { z } from 'zod';
import { NotABackupError, UnsupportedVersionError, toBackupError } from '../errors';
import { FINGERPRINT_HEX_LENGTH, FORMAT_NAME, FORMAT_VERSION, MAGIC, MAGIC_LENGTH } from './constants';
import { checkJson, encodeJsonBody, parseJsonText } from './json-body';

/** The schema of every table in a version-1 file. */
export const VERSION_1_SCHEMA = 'public';

const name = z.string().min(1);
const sequenceValue = z.string().regex(/^-?\d{1,19}$/, 'a decimal 64-bit integer');
const uniqueNames = <T extends { name: string }>(tables: T[]) => new Set(tables.map((t) => t.name)).size === tables.length;

export const columnSchema = z.object({ name, type: name });

const common = {
  formatName: z.literal(FORMAT_NAME),
  appVersion: z.string(),
  createdAt: z.iso.datetime(),
  postgres: z.object({ serverVersion: z.string(), database: z.string() }),
  migrations: z.array(z.object({ name, checksum: z.string() })),
  keyFingerprint: z.string().regex(new RegExp(`^[0-9a-f]{${FINGERPRINT_HEX_LENGTH}}$`)),
  label: z.string().optional(),
  trigger: z.string().optional(),
};

export const manifestTableSchema = z.object({
  /** The table's name in the payload (`schema.table` from version 2). */
  name,
  schema: name,
  table: name,
  columns: z.array(columnSchema),
  rowEstimate: z.int().nonnegative().optional(),
});

export const sequenceStateSchema = z.object({ schema: name, sequence: name, value: sequenceValue, isCalled: z.boolean() });

export const exclusionSchema = z.object({ name, kind: z.enum(['schema', 'table']), reason: z.string() });

export const manifestSchema = z.object({
  ...common,
  formatVersion: z.literal(FORMAT_VERSION),
  tables: z.array(manifestTableSchema).refine(uniqueNames, { message: 'table names must be unique' }),
  sequences: z.array(sequenceStateSchema),
  excluded: z.array(exclusionSchema),
});

const version1ManifestSchema = z.object({
  ...common,
  formatVersion: z.literal(1),
  tables: z
    .array(z.object({ name, columns: z.array(columnSchema), rowEstimate: z.int().nonnegative().optional() }))
    .refine(uniqueNames, { message: 'table names must be unique' }),
  sequences: z.array(z.object({ table: name, column: name, sequence: name, value: sequenceValue, isCalled: z.boolean() })),
  excludedTables: z.array(z.string()),
});

/** A manifest as the code sees it: the current shape; `formatVersion` says which file it came from. */
export type Manifest = Omit<z.output<typeof manifestSchema>, 'formatVersion'> & { formatVersion: 1 | typeof FORMAT_VERSION };
export type ManifestTable = z.output<typeof manifestTableSchema>;
export type SequenceState = z.output<typeof sequenceStateSchema>;
export type Exclusion = z.output<typeof exclusionSchema>;

const WHAT = 'manifest';

function fromVersion1(v1: z.output<typeof version1ManifestSchema>): Manifest {
  const { excludedTables, tables, sequences, ...rest } = v1;
  return {
    ...rest,
    tables: tables.map((t) => ({ ...t, schema: VERSION_1_SCHEMA, table: t.name })),
    sequences: sequences.map((s) => ({ schema: VERSION_1_SCHEMA, sequence: s.sequence, value: s.value, isCalled: s.isCalled })),
    excluded: excludedTables.map((t) => ({ name: `${VERSION_1_SCHEMA}.${t}`, kind: 'table', reason: 'excluded by a version-1 writer' })),
  };
}

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
  if (version === 1) return fromVersion1(checkJson(value, version1ManifestSchema, WHAT));
  return checkJson(value, manifestSchema, WHAT);
}
