/** The progress renderer (TTY line and plain lines) and the human formatting. */
import { describe, expect, it } from 'vitest';
import { createProgressRenderer, formatBytes, formatDuration, formatRate, formatTable } from './output';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  const stream = { isTTY, columns: 120, write: (s: string) => writes.push(s) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, writes };
}

const at = (phase: string, tablesDone: number, bytes: number) => ({ phase, table: 'Student', tablesDone, tablesTotal: 4, rows: tablesDone * 100, bytes });

describe('progress renderer', () => {
  it('redraws one line on a TTY (bar by percent, else by tables), and clears it at the end', () => {
    let now = 0;
    const { stream, writes } = fakeStream(true);
    const progress = createProgressRenderer(stream, () => now);
    now = 1000;
    progress.update(at('dumping', 2, 5_000_000));
    expect(writes[0]).toMatch(/^\r\x1b\[2K\[#{10}-{10}\]  50% dumping {2}2\/4 tables {2}200 rows {2}5\.00 MB {2}5\.0 MB\/s {2}Student$/);
    now = 1050;
    progress.update(at('dumping', 3, 6_000_000)); // throttled
    expect(writes).toHaveLength(1);
    now = 1200;
    progress.update({ ...at('dumping', 3, 6_000_000), percent: 25 });
    expect(writes[1]).toMatch(/\[#{5}-{15}\]  25%/);
    progress.done();
    expect(writes[2]).toBe('\r\x1b[2K');
    progress.update(at('dumping', 4, 7_000_000));
    expect(writes).toHaveLength(3);
  });

  it('writes plain lines at most every 2 s and on each phase change otherwise', () => {
    let now = 0;
    const { stream, writes } = fakeStream(false);
    const progress = createProgressRenderer(stream, () => now);
    progress.update(at('dumping', 0, 0));
    now = 1500;
    progress.update(at('dumping', 1, 1000));
    now = 1600;
    progress.update(at('verifying', 4, 2000));
    now = 3700;
    progress.update(at('verifying', 4, 3000));
    expect(writes).toHaveLength(3);
    expect(writes.every((w) => w.endsWith('\n') && !w.includes('\x1b'))).toBe(true);
    expect(writes[1]).toContain('verifying  4/4 tables  400 rows');
  });
});

describe('formatting', () => {
  it('formats bytes, rates, durations and tables for people', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(81_735)).toBe('81.7 kB');
    expect(formatBytes(5_242_880_000)).toBe('5.2 GB');
    expect(formatRate(10_000_000, 2000)).toBe('5.0 MB/s');
    expect(formatRate(0, 2000)).toBe('');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
    expect(formatTable(['id', 'size'], [['a', '1 B'], ['bbb', '22 kB']])).toEqual(['id   size', 'a    1 B', 'bbb  22 kB']);
  });
});
