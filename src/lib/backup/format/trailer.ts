/** Body of the TRAILER frame (FORMAT.md §6.7): every table's rows and SHA-256, and their total. */
import { z } from 'zod';
import { rowCountSchema, sha256HexSchema } from './table-markers';

export const tableSummarySchema = z.object({
  name: z.string().min(1),
  rows: rowCountSchema,
  sha256: sha256HexSchema,
});

export const trailerSchema = z.object({
  tables: z.array(tableSummarySchema),
  totalRows: rowCountSchema,
});

export type TableSummary = z.output<typeof tableSummarySchema>;
export type Trailer = z.output<typeof trailerSchema>;
