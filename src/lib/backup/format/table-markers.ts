/** Bodies of TABLE_BEGIN and TABLE_END frames (FORMAT.md §6.4, §6.6). */
import { z } from 'zod';
import { SHA256_HEX_LENGTH } from './constants';

export const sha256HexSchema = z.string().regex(new RegExp(`^[0-9a-f]{${SHA256_HEX_LENGTH}}$`));
export const rowCountSchema = z.int().nonnegative();

export const tableBeginSchema = z.object({ table: z.string().min(1) });

export const tableEndSchema = z.object({
  table: z.string().min(1),
  rows: rowCountSchema,
  sha256: sha256HexSchema,
});

export type TableBegin = z.output<typeof tableBeginSchema>;
export type TableEnd = z.output<typeof tableEndSchema>;
