/**
 * Seed 000, the Opportunity side: the same per-order settlement as gp-receivables-to-sf-orders, written onto the
 * Opportunity of the Salesforce Order (Order.OpportunityId, read with one SOQL query per batch by the collections
 * update writer's `keyVia`). An Order without an Opportunity is refused (audited, nothing to update).
 * Limitation: an Opportunity with several Orders shows the figures of the order written last — Salesforce's
 * one-order-per-opportunity pattern is assumed (no roll-up across orders).
 */
import { GP_ORDERS_FLOW, GP_RECEIVABLES_INTERVAL_MS, GP_RECEIVABLES_TO_SF_OPPORTUNITIES } from './flow-ids.ts';
import { orderKey, receivablesSource, SETTLEMENT_MAPPING, type GpReceivablesSourceOptions } from './gp-receivables-to-sf-orders.ts';
import type { FlowTemplate } from '../template.ts';

export function createGpReceivablesToSfOpportunitiesTemplate(opts: GpReceivablesSourceOptions = {}): FlowTemplate {
  return {
    id: GP_RECEIVABLES_TO_SF_OPPORTUNITIES,
    sourceSystem: 'dynamics-gp',
    targetSystem: 'salesforce',
    build: ({ source, target }) => ({
      id: GP_RECEIVABLES_TO_SF_OPPORTUNITIES,
      name: 'GP receivables → Salesforce Opportunities',
      description: 'Invoiced, paid, balance and status of the GP invoices of each Salesforce Order onto its Opportunity.',
      source: receivablesSource(source, opts),
      target: { connection: target, entity: 'Opportunity', matchField: 'Id', options: { keyVia: { sobject: 'Order', field: 'OpportunityId' } } },
      matchKey: orderKey,
      mapping: SETTLEMENT_MAPPING,
      schedule: { intervalMs: GP_RECEIVABLES_INTERVAL_MS },
      pageSize: 200,
      dependsOn: [GP_ORDERS_FLOW],
    }),
  };
}

export const GP_RECEIVABLES_TO_SF_OPPORTUNITIES_TEMPLATE: FlowTemplate = createGpReceivablesToSfOpportunitiesTemplate();
