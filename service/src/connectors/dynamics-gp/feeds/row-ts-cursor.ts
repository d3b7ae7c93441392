/**
 * Cursor of feeds polled by DEX_ROW_TS (LastModifiedDate): UTC, ~3 ms resolution, set on insert and on every
 * update by the table's trigger (GP-DOMAIN §5). Each run re-reads from the stored watermark minus an overlap (GP
 * advice: `DEX_ROW_TS >= lastWatermark - overlap`, §5) because rows committed late can carry an earlier stamp;
 * within a run, pages continue after the last row's (timestamp, document type, number) keyset, so ties are
 * neither skipped nor repeated. The engine's content hash makes the overlap re-read free of writes.
 */
import { z } from 'zod';
import { ConnectorError } from '../../../lib/errors.ts';

export const rowTsCursorSchema = z
  .object({
    /** Epoch ms to read from (inclusive), used when `after` is null; null = from the beginning. */
    from: z.number().int().nullable(),
    after: z.object({ ts: z.number().int(), type: z.number().int(), number: z.string().min(1) }).nullable(),
  })
  .strict();

export type RowTsCursor = z.infer<typeof rowTsCursorSchema>;

export function readRowTsCursor(value: unknown, what: string): RowTsCursor {
  const parsed = rowTsCursorSchema.safeParse(value);
  if (!parsed.success) {
    throw new ConnectorError('validation', `${what} is not a GP row-timestamp cursor: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, { code: 'GP_BAD_CURSOR' });
  }
  return parsed.data;
}

/** The cursor a run starts from: the last position read, moved back by the overlap, with no keyset. */
export function beginRowTsRun(stored: unknown, overlapMs: number): RowTsCursor | null {
  if (stored === null || stored === undefined) return null;
  const c = readRowTsCursor(stored, 'the stored cursor');
  const last = c.after?.ts ?? c.from;
  return last === null ? null : { from: last - overlapMs, after: null };
}
