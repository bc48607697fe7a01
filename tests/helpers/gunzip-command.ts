/** Pipes a gzip stream through the system's `gunzip -c` (Debian's essential gzip package) and returns what it wrote; fails unless it exits 0. */
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { expect } from 'vitest';

export async function gunzipCommand(gz: Buffer): Promise<Buffer> {
  const child = execFile('gunzip', ['-c'], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  const output: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk));
  child.stdin!.end(gz);
  const [code] = await once(child, 'close');
  expect(code).toBe(0);
  return Buffer.concat(output);
}
