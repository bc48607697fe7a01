import { describe, expect, it } from 'vitest';
import { formatBytes } from './units';

describe('formatBytes', () => {
  it('uses decimal SI units with one decimal', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(408_679)).toBe('408.7 kB');
    expect(formatBytes(46_600_000)).toBe('46.6 MB');
    expect(formatBytes(5_242_880_000)).toBe('5.2 GB');
  });
});
