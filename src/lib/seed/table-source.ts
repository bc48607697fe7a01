/**
 * What each table module hands to the loader: a table, its columns in COPY order, and a lazy
 * generator of COPY text lines (one row each, newline-terminated). Generators must be pure
 * functions of the context: calling `rows()` twice yields the same lines.
 */
import type { DemoPasswordHashes } from './password-hashes';
import type { Random } from './random';
import { randomFor, type Roster } from './roster';

export interface TableSource {
  table: string;
  columns: readonly string[];
  rows(): Iterable<string>;
}

export interface SeedContext {
  roster: Roster;
  passwords: DemoPasswordHashes;
  /** The random stream named `stream`, always starting from the same state. */
  random(stream: string): Random;
}

export function createSeedContext(roster: Roster, passwords: DemoPasswordHashes): SeedContext {
  return { roster, passwords, random: (stream) => randomFor(roster.scale, stream) };
}
