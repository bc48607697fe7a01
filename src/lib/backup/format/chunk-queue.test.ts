import { describe, expect, it } from 'vitest';
import { ChunkQueue } from './chunk-queue';

describe('ChunkQueue', () => {
  it('peeks at exact byte counts across chunk boundaries without removing them', () => {
    const queue = new ChunkQueue();
    expect(queue.peek(0)?.length).toBe(0);
    queue.push(Buffer.from('ab'));
    queue.push(Buffer.from('cde'));
    expect(queue.peek(6)).toBeUndefined();
    expect(queue.peek(2)?.toString()).toBe('ab');
    expect(queue.peek(4)?.toString()).toBe('abcd');
    expect(queue.take(1)?.toString()).toBe('a');
    expect(queue.peek(4)?.toString()).toBe('bcde');
    expect(queue.length).toBe(4);
  });

  it('returns exact byte counts across chunk boundaries', () => {
    const queue = new ChunkQueue();
    queue.push(Buffer.from('ab'));
    queue.push(Buffer.alloc(0));
    queue.push(Buffer.from('cdef'));
    expect(queue.length).toBe(6);
    expect(queue.take(7)).toBeUndefined();
    expect(queue.take(1)?.toString()).toBe('a');
    expect(queue.take(3)?.toString()).toBe('bcd');
    expect(queue.take(0)?.length).toBe(0);
    expect(queue.take(2)?.toString()).toBe('ef');
    expect(queue.length).toBe(0);
    expect(queue.take(1)).toBeUndefined();
  });

  it('returns a view without copying when one chunk holds the bytes', () => {
    const chunk = Buffer.from('hello');
    const queue = new ChunkQueue();
    queue.push(chunk);
    const view = queue.take(4)!;
    expect(view.buffer).toBe(chunk.buffer);
  });
});
