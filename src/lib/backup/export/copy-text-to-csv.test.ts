import { describe, expect, it } from 'vitest';
import { CopyTextToCsv, copyRowToCsv, decodeCopyField } from './copy-text-to-csv';

async function convert(chunks: Buffer[]): Promise<string> {
  const stream = new CopyTextToCsv();
  const out: string[] = [];
  stream.on('data', (s: string) => out.push(String(s)));
  const ended = new Promise((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  for (const c of chunks) stream.write(c);
  stream.end();
  await ended;
  return out.join('');
}

describe('COPY text to CSV', () => {
  it('decodes NULL, escapes and octal/hex bytes', () => {
    expect(decodeCopyField('\\N')).toBeNull();
    expect(decodeCopyField('a\\tb\\nc\\\\d')).toBe('a\tb\nc\\d');
    expect(decodeCopyField('\\101\\x42')).toBe('AB');
  });

  it('quotes what CSV needs quoted and tells NULL from the empty string', () => {
    expect(copyRowToCsv('1\tplain\t\\N\t\tsays "hi", ok\tline\\nbreak')).toBe('1,plain,,"","says ""hi"", ok","line\nbreak"');
  });

  it('gives the same CSV however the input is cut (inside escapes and UTF-8 characters)', async () => {
    const input = Buffer.from('1\tZoë \\\\ "Ø"\t\\N\n2\tline\\nbreak\t\n');
    const whole = await convert([input]);
    expect(whole).toBe('1,"Zoë \\ ""Ø""",\n2,"line\nbreak",""\n');
    for (let cut = 1; cut < input.length; cut++) {
      expect(await convert([input.subarray(0, cut), input.subarray(cut)])).toBe(whole);
    }
  });

  it('fails when the data ends inside a row', async () => {
    await expect(convert([Buffer.from('1\tunfinished')])).rejects.toThrow(/inside a row/);
  });
});
