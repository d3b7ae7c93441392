/**
 * GP customers as a ChangeFeed, polled by ModifiedDate (seed 000: GP has no webhooks).
 *
 * ModifiedDate is date-only and in the GP SQL server's local time, while DEX_ROW_TS is UTC (GP-DOMAIN §5):
 * a day holds many ties and a change can land on a day already read. So:
 * - each run starts at the stored watermark day minus `overlapDays`, inclusive, with no id tiebreak, and
 *   relies on content-hash dedupe downstream for what it reads twice;
 * - within a run, pages continue after the last record's (ModifiedDate, CustomerId) with a keyset filter,
 *   so a page boundary inside a tie neither skips nor repeats a customer.
 * The record version is LastModified (DEX_ROW_TS).
 */
import { z } from 'zod';
import { ConnectorError } from '../../../lib/errors.ts';
import type { ChangeFeed, FeedPage, SourceChange } from '../../../engine/types.ts';
import type { GpClient } from '../client.ts';
import type { GpCustomer } from '../entities.ts';

export interface GpCustomerCursor {
  /** ModifiedDate (server-local YYYY-MM-DD) of the last record read, or null = from the beginning. */
  watermark: string | null;
  /** CustomerId of the last record read at `watermark` within the current run. */
  afterId: string | null;
}

export const gpCustomerCursorSchema = z
  .object({
    watermark: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    afterId: z.string().min(1).nullable(),
  })
  .refine((c) => c.afterId === null || c.watermark !== null, 'afterId needs a watermark');

export interface GpCustomerFeedOptions {
  overlapDays: number;
  /** First run ever: start at this ModifiedDate instead of reading every customer. */
  initialWatermark?: string;
}

const MS_PER_DAY = 86_400_000;

export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

export function toSourceChange(c: GpCustomer): SourceChange {
  return { id: c.CustomerId, version: c.LastModified, op: 'upsert', data: { ...c } };
}

function readCursor(value: unknown, what: string): GpCustomerCursor {
  const parsed = gpCustomerCursorSchema.safeParse(value);
  if (!parsed.success) {
    throw new ConnectorError('validation', `${what} is not a GP customer cursor: ${parsed.error.issues.map((i) => i.message).join('; ')}`, { code: 'GP_BAD_CURSOR' });
  }
  return parsed.data;
}

export function createGpCustomerFeed(client: Pick<GpClient, 'listCustomers' | 'getCustomer'>, opts: GpCustomerFeedOptions): ChangeFeed<GpCustomerCursor> {
  if (!Number.isInteger(opts.overlapDays) || opts.overlapDays < 0) throw new RangeError('overlapDays must be a non-negative integer');
  return {
    beginRun(stored) {
      if (stored === null) return opts.initialWatermark ? { watermark: opts.initialWatermark, afterId: null } : null;
      const cursor = readCursor(stored, 'the stored cursor');
      if (cursor.watermark === null) return null;
      return { watermark: shiftDate(cursor.watermark, -opts.overlapDays), afterId: null };
    },
    async read(cursor, { pageSize, signal }): Promise<FeedPage<GpCustomerCursor>> {
      const at = cursor === null ? { watermark: null, afterId: null } : readCursor(cursor, 'the page cursor');
      const { customers, requestId } = await client.listCustomers({
        modifiedFrom: at.watermark,
        after: at.watermark !== null && at.afterId !== null ? { modifiedDate: at.watermark, customerId: at.afterId } : null,
        top: pageSize,
        signal,
      });
      // The keyset is only sound on a page ordered by ModifiedDate; a service ignoring $orderby must fail loudly.
      const seen = new Set<string>();
      customers.forEach((c, i) => {
        const prev = customers[i - 1];
        if ((prev && prev.ModifiedDate > c.ModifiedDate) || (at.watermark !== null && c.ModifiedDate < at.watermark) || seen.has(c.CustomerId)) {
          throw new ConnectorError('transient', `GP returned customers out of ModifiedDate order (at ${c.CustomerId}); the feed cannot page safely`, {
            code: 'GP_UNORDERED_PAGE',
            requestId,
          });
        }
        seen.add(c.CustomerId);
      });
      const last = customers[customers.length - 1];
      return {
        changes: customers.map(toSourceChange),
        cursor: last ? { watermark: last.ModifiedDate, afterId: last.CustomerId } : at,
        hasMore: customers.length === pageSize,
        requestIds: [requestId],
      };
    },
    async get(id) {
      const { customer } = await client.getCustomer(id);
      return customer && toSourceChange(customer);
    },
  };
}
