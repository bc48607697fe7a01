/**
 * Encodes values as fields of PostgreSQL's COPY text format (the default `COPY ... FROM STDIN`:
 * tab-separated, newline-terminated, `\N` for NULL). Every function returns one field, already
 * escaped; `copyRow` joins fields into a line. Contract per type:
 * - text: backslash, tab, newline and carriage return become `\\`, `\t`, `\n`, `\r`; '' stays an
 *   empty field (distinct from NULL);
 * - bytea: the hex form `\x<hex>`, whose backslash is itself escaped: `\\x<hex>`;
 * - arrays: an array literal `{...}` whose elements are double-quoted when they need it (empty,
 *   `NULL`, or containing quotes, backslashes, commas, braces or white space), then escaped as text;
 * - json: `JSON.stringify`, escaped as text;
 * - timestamp (without time zone, millisecond precision): `YYYY-MM-DD HH:MM:SS.mmm`, from epoch
 *   milliseconds read as UTC wall-clock time; date: `YYYY-MM-DD` from a day number (days since
 *   1970-01-01); time: `HH:MM:SS` from seconds after midnight;
 * - decimal money: from integer cents, `1234.05`; booleans: `t` / `f`.
 */

export const COPY_NULL = '\\N';
export const COPY_FIELD_SEPARATOR = '\t';
export const COPY_ROW_TERMINATOR = '\n';

const MS_PER_DAY = 86_400_000;
const SECONDS_PER_HOUR = 3600;
const SECONDS_PER_MINUTE = 60;
const CENTS_PER_UNIT = 100;

const NEEDS_COPY_ESCAPE = /[\\\t\n\r]/;
const COPY_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const COPY_ESCAPE_ALL = /[\\\t\n\r]/g;

/** Characters that force an array element to be double-quoted (array_in treats white space as insignificant). */
const NEEDS_ARRAY_QUOTES = /[{}",\\\s]/;
const ARRAY_QUOTE_ESCAPE = /["\\]/g;
const ARRAY_NULL_WORD = /^null$/i;

function escapeCopy(value: string): string {
  return NEEDS_COPY_ESCAPE.test(value) ? value.replace(COPY_ESCAPE_ALL, (ch) => COPY_ESCAPES[ch]!) : value;
}

export function copyText(value: string | null | undefined): string {
  return value == null ? COPY_NULL : escapeCopy(value);
}

export function copyInt(value: number | bigint | null | undefined): string {
  return value == null ? COPY_NULL : String(value);
}

/** double precision / real: JavaScript's shortest round-trip form. */
export function copyFloat(value: number | null | undefined): string {
  if (value == null) return COPY_NULL;
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  return String(value);
}

export function copyBool(value: boolean | null | undefined): string {
  return value == null ? COPY_NULL : value ? 't' : 'f';
}

/** A decimal with two places from an integer number of cents (negative allowed). */
export function copyCents(cents: number | null | undefined): string {
  if (cents == null) return COPY_NULL;
  if (!Number.isSafeInteger(cents)) throw new RangeError(`copyCents expects integer cents, got ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const fraction = abs % CENTS_PER_UNIT;
  return `${sign}${(abs - fraction) / CENTS_PER_UNIT}.${fraction < 10 ? '0' : ''}${fraction}`;
}

export function copyBytea(value: Uint8Array | null | undefined): string {
  if (value == null) return COPY_NULL;
  return `\\\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
}

function arrayElement(element: string | null): string {
  if (element === null) return 'NULL';
  if (element === '' || ARRAY_NULL_WORD.test(element) || NEEDS_ARRAY_QUOTES.test(element)) {
    return `"${element.replace(ARRAY_QUOTE_ESCAPE, '\\$&')}"`;
  }
  return element;
}

/** A one-dimensional array literal (text[], enum[], ...); `[]` is `{}`. */
export function copyArray(values: readonly (string | null)[] | null | undefined): string {
  if (values == null) return COPY_NULL;
  return escapeCopy(`{${values.map(arrayElement).join(',')}}`);
}

export function copyJson(value: unknown): string {
  if (value === null || value === undefined) return COPY_NULL;
  return escapeCopy(JSON.stringify(value));
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `YYYY-MM-DD HH:MM:SS.mmm` for TIMESTAMP(3) columns; the epoch milliseconds are read as UTC. */
export function copyTimestamp(epochMs: number | null | undefined): string {
  if (epochMs == null) return COPY_NULL;
  const iso = new Date(epochMs).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

/** `YYYY-MM-DD` from a day number (days since 1970-01-01). */
export function copyDate(dayNumber: number | null | undefined): string {
  if (dayNumber == null) return COPY_NULL;
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/** `HH:MM:SS` from seconds after midnight, for TIME(0) columns. */
export function copyTime(secondsOfDay: number | null | undefined): string {
  if (secondsOfDay == null) return COPY_NULL;
  const hours = Math.floor(secondsOfDay / SECONDS_PER_HOUR);
  const minutes = Math.floor((secondsOfDay % SECONDS_PER_HOUR) / SECONDS_PER_MINUTE);
  return `${pad2(hours)}:${pad2(minutes)}:${pad2(secondsOfDay % SECONDS_PER_MINUTE)}`;
}

/** One line of COPY text from already-encoded fields. */
export function copyRow(fields: readonly string[]): string {
  return fields.join(COPY_FIELD_SEPARATOR) + COPY_ROW_TERMINATOR;
}
