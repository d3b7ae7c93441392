/**
 * The receivables feeds of a GP connection, by flow source entity (module.ts):
 * - `receivables-by-order`   one change per order: invoices' settlement (DEX_ROW_TS poll, receivables-order-feed.ts)
 * - `receivables-documents`  invoices, credit memos, payments (DEX_ROW_TS poll, receivables-document-feed.ts)
 * - `customer-balances`      RM00103, no date column → hash poll over all customers (hash-poll-feed.ts)
 * - `cash-receipts`          RM10201 unposted receipts, no date column → hash poll, optionally of one batch
 * See docs/gp-change-detection.md for which GP tables are polled how.
 */
import { z } from 'zod';
import type { ChangeFeed } from '../../../engine/types.ts';
import { ConfigError } from '../../../lib/errors.ts';
import type { GpClient } from '../client.ts';
import type { GpConnectionConfig } from '../config.ts';
import { GP_BLANK_DATE } from '../transforms.ts';
import { createHashPollFeed } from './hash-poll-feed.ts';
import { createGpReceivablesClient, type GpCashReceipt, type GpCustomerBalance } from '../receivables-client.ts';
import { createReceivablesDocumentFeed } from './receivables-document-feed.ts';
import { createReceivablesOrderFeed } from './receivables-order-feed.ts';

export const RECEIVABLES_FEED_ENTITIES = ['receivables-by-order', 'receivables-documents', 'customer-balances', 'cash-receipts'] as const;
export type ReceivablesFeedEntity = (typeof RECEIVABLES_FEED_ENTITIES)[number];

export const isReceivablesFeedEntity = (entity: string): entity is ReceivablesFeedEntity => (RECEIVABLES_FEED_ENTITIES as readonly string[]).includes(entity);

const rowTsOptions = z
  .object({
    /** How the Salesforce order is found: the invoice's document number (default) or its customer PO number. */
    orderReference: z.enum(['DocumentNumber', 'CustomerPONumber']).default('DocumentNumber'),
    /** Minutes re-read before the last DEX_ROW_TS at the start of each run (GP-DOMAIN §5 advice). */
    overlapMinutes: z.number().int().min(0).max(24 * 60).default(10),
    /**
     * Prepended to the reference to form `OrderLinkId`, the target id under which the orders flow linked the GP
     * document to the Salesforce Order (sales-document-writer.ts: `SOP:3;<number>` for SOP invoices, `RM:1;<number>`
     * for receivables invoices).
     */
    linkIdPrefix: z.string().max(10).default('SOP:3;'),
  })
  .strict();
const cashReceiptOptions = z.object({ batchId: z.string().min(1).max(15).optional() }).strict();

function parse<T>(schema: z.ZodType<T>, options: Record<string, unknown>): T {
  const parsed = schema.safeParse(options);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `flow source options${i.path.length ? `.${i.path.join('.')}` : ''}: ${i.message}`));
  return parsed.data;
}

/** Account receivables status of the package (Current / Past_Due / Over_Credit_Limit) from RM00103 + the credit limit. */
export function receivablesStatus(b: Pick<GpCustomerBalance, 'Balance' | 'PastDueAmount' | 'CreditLimitType' | 'CreditLimitAmount'>): string {
  // CRLMTTYP 0 = no credit, 1 = unlimited, 2 = amount (GP-DOMAIN §2).
  const over = (b.CreditLimitType === 0 && b.Balance > 0.005) || (b.CreditLimitType === 2 && b.Balance > b.CreditLimitAmount + 0.005);
  if (over) return 'Over_Credit_Limit';
  return b.PastDueAmount > 0.005 ? 'Past_Due' : 'Current';
}

export function createReceivablesFeed(entity: ReceivablesFeedEntity, client: Pick<GpClient, 'send'>, cfg: GpConnectionConfig, options: Record<string, unknown>): ChangeFeed {
  const rm = createGpReceivablesClient(client, cfg.facts);
  switch (entity) {
    case 'receivables-by-order':
    case 'receivables-documents': {
      const o = parse(rowTsOptions, options);
      const opts = { orderReference: o.orderReference, overlapMs: o.overlapMinutes * 60_000, linkIdPrefix: o.linkIdPrefix };
      return entity === 'receivables-by-order' ? createReceivablesOrderFeed(rm, opts) : createReceivablesDocumentFeed(rm, opts);
    }
    case 'customer-balances':
      parse(z.object({}).strict(), options);
      return createHashPollFeed<GpCustomerBalance>({
        list: (after, top, signal) => rm.listBalances({ afterId: after, top, signal }).then((p) => ({ rows: p.rows, requestId: p.requestId })),
        idOf: (b) => b.CustomerId.toUpperCase(),
        dataOf: (b) => ({ ...b, LastPaymentDate: b.LastPaymentDate === GP_BLANK_DATE ? null : b.LastPaymentDate, ReceivablesStatus: receivablesStatus(b) }),
      });
    case 'cash-receipts': {
      const o = parse(cashReceiptOptions, options);
      return createHashPollFeed<GpCashReceipt>({
        list: (after, top, signal) => rm.listCashReceipts({ batchId: o.batchId, afterNumber: after, top, signal }),
        idOf: (r) => r.DocumentNumber.toUpperCase(),
        dataOf: (r) => ({ ...r }),
      });
    }
  }
}
