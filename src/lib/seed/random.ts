/**
 * Seeded, deterministic pseudo-random numbers for the data generator (sfc32, seeded from a string
 * through the cyrb128 hash). The same label always yields the same sequence, on every platform and
 * Node version; nothing here reads Math.random, the clock or the environment. Each table draws from
 * its own labelled stream, so the order in which tables are generated never changes their data.
 */

const UINT32_RANGE = 4294967296;
/** sfc32 mixes poorly for its first outputs; these are discarded. */
const WARM_UP_ROUNDS = 15;
const CUID_PREFIX = 'c';
/** 36^6: the largest power of 36 below 2^32, so one uint32 yields six base-36 digits. */
const BASE36_SIX_DIGITS = 2176782336;
const CUID_GROUPS = 4;

function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(readonly label: string) {
    [this.a, this.b, this.c, this.d] = cyrb128(label);
    for (let i = 0; i < WARM_UP_ROUNDS; i++) this.uint32();
  }

  /** An independent stream whose sequence depends only on this label and `name`. */
  derive(name: string): Random {
    return new Random(`${this.label}/${name}`);
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / UINT32_RANGE;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error(`Random.pick from an empty list (${this.label})`);
    return item;
  }

  /** Picks by relative weight: `weighted([['A', 3], ['B', 1]])` returns 'A' three times in four. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of entries) total += weight;
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    const last = entries[entries.length - 1];
    if (last === undefined) throw new Error(`Random.weighted from an empty list (${this.label})`);
    return last[0];
  }

  /** Roughly normal around `mean` (sum of three uniforms), clamped to [min, max]. */
  bell(mean: number, spread: number, min: number, max: number): number {
    const value = mean + (this.next() + this.next() + this.next() - 1.5) * spread;
    return Math.min(max, Math.max(min, value));
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const swap = items[i]!;
      items[i] = items[j]!;
      items[j] = swap;
    }
    return items;
  }

  bytes(length: number): Buffer {
    const out = Buffer.allocUnsafe(length);
    for (let i = 0; i < length; i++) out[i] = this.uint32() & 0xff;
    return out;
  }

  /** A cuid-looking id: `c` followed by 24 base-36 characters. */
  cuid(): string {
    let id = CUID_PREFIX;
    for (let i = 0; i < CUID_GROUPS; i++) id += (this.uint32() % BASE36_SIX_DIGITS).toString(36).padStart(6, '0');
    return id;
  }
}
