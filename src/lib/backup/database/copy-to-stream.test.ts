import { describe, expect, it } from 'vitest';
import { copyToStream } from './copy-to-stream';

function copyData(content: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header[0] = 0x64;
  header.writeUInt32BE(content.length + 4, 1);
  return Buffer.concat([header, content]);
}

/** Rows of varied sizes (header and content split points land everywhere), one message each. */
const ROWS = ['a\n', '', 'tab\there\n', 'x'.repeat(300) + '\n', 'é\\N\n'].map((r) => Buffer.from(r));
const MESSAGES = Buffer.concat([...ROWS.map(copyData), Buffer.from([0x4e, 0, 0, 0, 6, 0x53, 0]), copyData(Buffer.from('last\n'))]);
const CONTENT = Buffer.concat([...ROWS, Buffer.from('last\n')]);

describe('copyToStream', () => {
  it('returns the content of the CopyData messages, skipping notices, wherever the input is cut', async () => {
    for (let cut = 0; cut <= MESSAGES.length; cut += 1) {
      const stream = copyToStream('COPY t TO STDOUT') as unknown as { _parse(chunk: Buffer): unknown; read(): Buffer | null };
      const input = Buffer.from(MESSAGES); // parsed in place: a fresh copy for every cut
      stream._parse(input.subarray(0, cut));
      stream._parse(input.subarray(cut));
      const out: Buffer[] = [];
      for (let chunk = stream.read(); chunk; chunk = stream.read()) out.push(chunk);
      expect(Buffer.concat(out).equals(CONTENT), `cut at ${cut}`).toBe(true);
    }
  });
});
