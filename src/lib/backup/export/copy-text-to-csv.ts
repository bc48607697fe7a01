/**
 * Converts PostgreSQL COPY text format (FORMAT.md §6.5: fields split by TAB, rows ended by LF,
 * `\N` for NULL, backslash escapes) into RFC 4180 CSV as PostgreSQL's own `FORMAT csv` writes
 * it: comma-separated, CRLF-free (LF row ends), a field quoted when it holds a comma, quote, CR
 * or LF, or is the empty string; NULL is an empty unquoted field. Input may be cut anywhere
 * (inside an escape or a multi-byte character): state carries across chunks.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

const SIMPLE_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

function csvField(value: string | null): string {
  if (value === null) return '';
  if (value === '' || /[",\r\n]/.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

/** Decodes one COPY text field (without its delimiter) to its value; `\N` alone is NULL. */
export function decodeCopyField(raw: string): string | null {
  if (raw === '\\N') return null;
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== '\\' || i + 1 >= raw.length) {
      out += c;
      continue;
    }
    const next = raw[i + 1]!;
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i += 1;
    } else if (next >= '0' && next <= '7') {
      const digits = /^[0-7]{1,3}/.exec(raw.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(digits, 8));
      i += digits.length;
    } else if (next === 'x' && /^[0-9a-fA-F]/.test(raw[i + 2] ?? '')) {
      const digits = /^[0-9a-fA-F]{1,2}/.exec(raw.slice(i + 2))![0];
      out += String.fromCharCode(parseInt(digits, 16));
      i += 1 + digits.length;
    } else {
      out += next; // any other escaped character stands for itself
      i += 1;
    }
  }
  return out;
}

export function copyRowToCsv(line: string): string {
  return line.split('\t').map((raw) => csvField(decodeCopyField(raw))).join(',');
}

export function csvHeader(columns: readonly string[]): string {
  return `${columns.map(csvField).join(',')}\n`;
}

/** A stream: COPY text bytes in, CSV text out (no header; write `csvHeader` first). */
export class CopyTextToCsv extends Transform {
  private readonly decoder = new StringDecoder('utf8');
  private rest = '';

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const text = this.rest + this.decoder.write(chunk);
    const lastNewline = text.lastIndexOf('\n');
    if (lastNewline === -1) {
      this.rest = text;
      return done();
    }
    this.rest = text.slice(lastNewline + 1);
    const rows = text.slice(0, lastNewline).split('\n');
    done(null, `${rows.map(copyRowToCsv).join('\n')}\n`);
  }

  override _flush(done: TransformCallback): void {
    const tail = this.rest + this.decoder.end();
    // COPY text ends every row with LF (FORMAT.md §6.5); a tail without one is not a row.
    done(tail ? new Error('COPY data ended inside a row') : null);
  }
}
