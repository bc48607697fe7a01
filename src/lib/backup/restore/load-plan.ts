/**
 * How a restore's rows reach the database, inside the engine's one transaction
 * (restore-database.ts): the whole database (full-load.ts) or chosen tables
 * (selective/selective-load.ts). The engine reads and verifies the file, COPYs each table's data
 * into the target the plan names (or skips it), runs the plan's `check`, and commits after
 * `finish` (a rehearsal rolls back after `check`).
 */
import type { CatalogTable } from '../database/catalog';
import type { Manifest } from '../format/manifest';
import type { SelectiveReport } from './selective/report';

export type FinishingStep = 'constraints' | 'sequences' | 'materialized-views' | 'triggers' | 'merge' | 'commit';

/** Where COPY puts one table's rows (catalog.ts `copyTarget` form), and whether it may FREEZE them. */
export interface CopyInto {
  target: string;
  freeze: boolean;
}

export interface LoadPlan {
  /** Where COPY puts this table's rows, or undefined to skip them. */
  target(table: CatalogTable): CopyInto | undefined;
  /** After every table loaded and the whole file verified: refuses what the plan cannot do (a selection that would break a key), writing nothing of its own. */
  check(): Promise<void>;
  /** After `check`; `step` runs the test hook and checks cancellation. */
  finish(manifest: Manifest, step: (name: FinishingStep) => Promise<void>): Promise<SelectiveReport | undefined>;
}
