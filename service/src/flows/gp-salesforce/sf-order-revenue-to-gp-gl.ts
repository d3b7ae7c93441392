/**
 * Seed 000: "GL posting journals in Dynamics GP are created from Salesforce order data when revenue is
 * recognized, mapped to customer-configured GL accounts and cost centers". When a Salesforce Order reaches the
 * recognized state (`source.where`, default Status = Activated; or a package checkbox, e.g.
 * `{ field: 'Revenue_Recognized__c', in: [true] }`), an unposted GL journal entry (GL10000/GL10001, Work) is
 * created in GP: the order total debited to `debitAccount`, each line credited to `revenueAccount` with the line's
 * cost center (a table over an OrderItem field) in segment `costCenterSegment`. Unbalanced (order total ≠ sum of
 * lines) → parked before anything is written (GP error 944 style). Idempotent on the order: Reference = the
 * Salesforce OrderNumber, looked up before creating (connectors/dynamics-gp/gl-journal-writer.ts).
 */
import type { SourceCondition } from '../../engine/source-filter.ts';
import type { FieldMappingInput } from '../../engine/mapping.ts';
import { SF_ORDER_REVENUE_TO_GP_GL } from './flow-ids.ts';
import type { FlowTemplate } from '../template.ts';

export interface SfOrderRevenueToGpGlOptions {
  /** When revenue is recognized (default Status in [Activated]). */
  recognizedWhen?: SourceCondition[];
  /** Order date field used as TRXDATE (default EffectiveDate). */
  dateField?: string;
  batchId?: string;
  debitAccount?: string;
  revenueAccount?: string;
  costCenterSegment?: number;
  /** OrderItem field (dot path) whose value, through `table`, is the line's cost center segment. */
  costCenter?: { field: string; table: Record<string, string> };
}

export function createSfOrderRevenueToGpGlTemplate(opts: SfOrderRevenueToGpGlOptions = {}): FlowTemplate {
  const lineFields = ['Id', 'TotalPrice', 'Description', ...(opts.costCenter ? [opts.costCenter.field] : [])];
  const lines: FieldMappingInput[] = [
    { target: 'Amount', source: 'TotalPrice', transforms: ['number'], required: true },
    ...(opts.costCenter ? [{ target: 'CostCenter', source: opts.costCenter.field, transforms: [{ name: 'map', arg: opts.costCenter.table }] }] : []),
  ];
  return {
    id: SF_ORDER_REVENUE_TO_GP_GL,
    sourceSystem: 'salesforce',
    targetSystem: 'dynamics-gp',
    build: ({ source, target }) => ({
      id: SF_ORDER_REVENUE_TO_GP_GL,
      name: 'Salesforce recognized revenue → GP GL journal entries',
      description: 'Salesforce Orders whose revenue is recognized to unposted GP GL journal entries (GL10000/GL10001), Reference = OrderNumber.',
      source: {
        connection: source,
        entity: 'Order',
        where: opts.recognizedWhen ?? [{ field: 'Status', in: ['Activated'] }],
        include: [{ entity: 'OrderItem', parentField: 'OrderId', as: 'lines', fields: lineFields }],
      },
      target: {
        connection: target,
        entity: 'glTransactions',
        matchField: 'Reference',
        options: {
          batchId: opts.batchId ?? 'SFREVENUE',
          debitAccount: opts.debitAccount ?? '000-1200-00',
          revenueAccount: opts.revenueAccount ?? '000-4100-00',
          costCenterSegment: opts.costCenterSegment ?? 1,
        },
      },
      matchKey: { source: 'OrderNumber', transforms: ['trim', 'upper'] },
      mapping: [
        { target: 'TransactionDate', source: opts.dateField ?? 'EffectiveDate', transforms: ['date'], required: true },
        { target: 'ReceivableAmount', source: 'TotalAmount', transforms: ['number'], required: true },
        { target: 'Description', source: 'OrderNumber', transforms: ['trim', { name: 'prefix', arg: 'SF Order ' }, { name: 'truncate', arg: 30 }] },
        { target: 'Lines', source: 'lines', required: true, each: lines },
      ],
      schedule: { intervalMs: 15 * 60_000 },
      pageSize: 50,
    }),
  };
}

export const SF_ORDER_REVENUE_TO_GP_GL_TEMPLATE: FlowTemplate = createSfOrderRevenueToGpGlTemplate();
