import { describe, expect, it } from 'vitest';
import {
  COPY_NULL,
  copyArray,
  copyBool,
  copyBytea,
  copyCents,
  copyDate,
  copyFloat,
  copyInt,
  copyJson,
  copyRow,
  copyText,
  copyTime,
  copyTimestamp,
} from './copy-writer';

describe('copyText', () => {
  it('writes NULL as \\N and the empty string as an empty field', () => {
    expect(copyText(null)).toBe('\\N');
    expect(copyText(undefined)).toBe('\\N');
    expect(copyText('')).toBe('');
  });

  it('escapes backslash, tab, newline and carriage return', () => {
    expect(copyText('a\\b')).toBe('a\\\\b');
    expect(copyText('a\tb')).toBe('a\\tb');
    expect(copyText('a\nb')).toBe('a\\nb');
    expect(copyText('a\rb')).toBe('a\\rb');
    expect(copyText('Allergic to peanuts\n\tCarries EpiPen')).toBe('Allergic to peanuts\\n\\tCarries EpiPen');
    expect(copyText('C:\\Users\\office')).toBe('C:\\\\Users\\\\office');
    expect(copyText('\\N')).toBe('\\\\N');
  });

  it('leaves quotes, commas, braces and unicode alone', () => {
    for (const value of [`O'Brien`, 'say "hi"', 'a,b {c}', 'Zoë Łukasz Nguyễn Søren José Анна 陈 محمد 🎶']) {
      expect(copyText(value)).toBe(value);
    }
  });
});

describe('copyBytea', () => {
  it('writes the hex form with its backslash escaped', () => {
    expect(copyBytea(Buffer.from([0x00, 0x5c, 0xff, 0x0a]))).toBe('\\\\x005cff0a');
    expect(copyBytea(new Uint8Array(0))).toBe('\\\\x');
    expect(copyBytea(null)).toBe(COPY_NULL);
  });

  it('honours the view of a Uint8Array over a larger buffer', () => {
    const view = new Uint8Array([1, 2, 3, 4]).subarray(1, 3);
    expect(copyBytea(view)).toBe('\\\\x0203');
  });
});

describe('copyArray', () => {
  it('writes empty and NULL arrays', () => {
    expect(copyArray([])).toBe('{}');
    expect(copyArray(null)).toBe('\\N');
  });

  it('leaves plain elements unquoted', () => {
    expect(copyArray(['STUDENT', 'PARENT'])).toBe('{STUDENT,PARENT}');
    expect(copyArray(['naïve', 'café'])).toBe('{naïve,café}');
  });

  it('quotes elements that are empty, spell NULL or contain special characters', () => {
    expect(copyArray([''])).toBe('{""}');
    expect(copyArray(['NULL', 'null'])).toBe('{"NULL","null"}');
    expect(copyArray(['a,b'])).toBe('{"a,b"}');
    expect(copyArray(['{x}'])).toBe('{"{x}"}');
    expect(copyArray(['two words', ' lead'])).toBe('{"two words"," lead"}');
  });

  it('backslash-escapes quotes and backslashes inside elements, then escapes the literal for COPY', () => {
    // array literal: {"say \"hi\""} → COPY doubles the backslashes
    expect(copyArray(['say "hi"'])).toBe('{"say \\\\"hi\\\\""}');
    // element C:\x → literal {"C:\\x"} → COPY {"C:\\\\x"}
    expect(copyArray(['C:\\x'])).toBe('{"C:\\\\\\\\x"}');
  });

  it('writes NULL elements unquoted and escapes control characters of the whole literal', () => {
    expect(copyArray(['a', null])).toBe('{a,NULL}');
    expect(copyArray(['line1\nline2'])).toBe('{"line1\\nline2"}');
    expect(copyArray(['tab\there'])).toBe('{"tab\\there"}');
  });
});

describe('copyJson', () => {
  it('stringifies and escapes for COPY', () => {
    expect(copyJson({ a: 1, b: [true, null] })).toBe('{"a":1,"b":[true,null]}');
    // JSON escapes the newline as \n (two characters); COPY then escapes that backslash.
    expect(copyJson({ note: 'x\ny' })).toBe('{"note":"x\\\\ny"}');
    expect(copyJson({ path: 'C:\\Users' })).toBe('{"path":"C:\\\\\\\\Users"}');
    expect(copyJson('Zoë')).toBe('"Zoë"');
    expect(copyJson([])).toBe('[]');
    expect(copyJson(null)).toBe('\\N');
  });
});

describe('dates and times', () => {
  it('writes TIMESTAMP(3) without a zone, with milliseconds', () => {
    expect(copyTimestamp(Date.UTC(2025, 8, 1, 8, 15, 30, 123))).toBe('2025-09-01 08:15:30.123');
    expect(copyTimestamp(Date.UTC(2026, 0, 2, 0, 0, 0, 0))).toBe('2026-01-02 00:00:00.000');
    expect(copyTimestamp(null)).toBe('\\N');
  });

  it('writes DATE from a day number', () => {
    expect(copyDate(0)).toBe('1970-01-01');
    expect(copyDate(Date.UTC(2024, 1, 29) / 86_400_000)).toBe('2024-02-29');
    expect(copyDate(Date.UTC(1899, 11, 31) / 86_400_000)).toBe('1899-12-31');
    expect(copyDate(null)).toBe('\\N');
  });

  it('writes TIME(0) from seconds after midnight', () => {
    expect(copyTime(0)).toBe('00:00:00');
    expect(copyTime(8 * 3600 + 30 * 60 + 5)).toBe('08:30:05');
    expect(copyTime(23 * 3600 + 59 * 60 + 59)).toBe('23:59:59');
  });
});

describe('numbers and booleans', () => {
  it('writes decimals from integer cents', () => {
    expect(copyCents(0)).toBe('0.00');
    expect(copyCents(5)).toBe('0.05');
    expect(copyCents(123_405)).toBe('1234.05');
    expect(copyCents(-4_123)).toBe('-41.23');
    expect(copyCents(-5)).toBe('-0.05');
    expect(copyCents(null)).toBe('\\N');
    expect(() => copyCents(1.5)).toThrow(RangeError);
  });

  it('writes floats, integers, bigints and booleans', () => {
    expect(copyFloat(0.5)).toBe('0.5');
    expect(copyFloat(1.25)).toBe('1.25');
    expect(copyFloat(3)).toBe('3');
    expect(copyFloat(Number.NaN)).toBe('NaN');
    expect(copyFloat(Number.NEGATIVE_INFINITY)).toBe('-Infinity');
    expect(copyInt(42)).toBe('42');
    expect(copyInt(9_223_372_036_854_775_807n)).toBe('9223372036854775807');
    expect(copyInt(null)).toBe('\\N');
    expect(copyBool(true)).toBe('t');
    expect(copyBool(false)).toBe('f');
    expect(copyBool(null)).toBe('\\N');
  });
});

describe('copyRow', () => {
  it('joins fields with tabs and ends the line', () => {
    expect(copyRow(['1', copyText('a\tb'), COPY_NULL, ''])).toBe('1\ta\\tb\t\\N\t\n');
  });
});
