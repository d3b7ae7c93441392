/**
 * What Procurify users do to requests and POs, as state changes every API and admin path shares:
 * a requester submits a request (order, status PENDING 0; its lines status 0 with no approval yet [U: the OAS
 * has no "awaiting approval" line code]); an approver approves (APPROVED 1; lines get approved_datetime, price
 * and quantity) or denies it (REJECTED 2; lines APPROVAL_DENIED 7); a buyer turns approved lines into a PO for a
 * vendor (PO state PURCHASED 0, lines RECEIVE_PENDING 2, the request PURCHASED 3 once every line is on a PO),
 * receives (lines RECEIVE_PARTIAL 5 / RECEIVED 3, the request RECEIVED 5 once all are), revises, closes
 * (CLOSED 3), cancels (CANCELLED 1; lines REJECTED_FOR_PURCHASE 4 [U]), reopens (REOPENED 5) or marks it paid
 * (PAID 4). State codes: OAS `Purchaseorders_getByIdWithItems` / `Requisitions_*` descriptions [V].
 * Every change stamps `last_modified` / `dateModified` on what it touched — the timestamps the day-granular
 * sync filters read.
 */
import type { SandboxClock } from './clock.ts';
import { createPurchasingWorkflow } from './purchasing-workflow.ts';
import { createRequestWorkflow } from './request-workflow.ts';
import type { TenantData } from './tenant-data.ts';

export type { NewOrder, NewOrderLine } from './request-workflow.ts';
export type { LineRevision, NewPurchaseOrder, PoRevision, ReceiptLine } from './purchasing-workflow.ts';

export function createProcurement(data: TenantData, clock: SandboxClock) {
  return { ...createRequestWorkflow(data, clock), ...createPurchasingWorkflow(data, clock) };
}

export type Procurement = ReturnType<typeof createProcurement>;
