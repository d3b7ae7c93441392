/** The Business Central ↔ Salesforce flow templates, in the order they should run (items and customers first). */
import { BC_CUSTOMER_PAYMENTS_TO_SF_DOCUMENTS_TEMPLATE } from './bc-customer-payments-to-sf-documents.ts';
import { BC_CUSTOMERS_TO_SF_ACCOUNTS_TEMPLATE } from './bc-customers-to-sf-accounts.ts';
import { BC_SALES_INVOICES_TO_SF_DOCUMENTS_TEMPLATE } from './bc-sales-invoices-to-sf-documents.ts';
import { BC_SALES_INVOICES_TO_SF_ORDERS_TEMPLATE } from './bc-sales-invoices-to-sf-orders.ts';
import { BC_SALES_ORDERS_TO_SF_ORDERS_TEMPLATE } from './bc-sales-orders-to-sf-orders.ts';
import { SF_ACCOUNTS_TO_BC_CUSTOMERS_TEMPLATE } from './sf-accounts-to-bc-customers.ts';
import { SF_ORDERS_TO_BC_SALES_ORDERS_TEMPLATE } from './sf-orders-to-bc-sales-orders.ts';
import { SF_PRODUCTS_TO_BC_ITEMS_TEMPLATE } from './sf-products-to-bc-items.ts';
import type { FlowTemplate } from '../template.ts';

export const BC_SALESFORCE_FLOW_TEMPLATES: readonly FlowTemplate[] = [
  SF_PRODUCTS_TO_BC_ITEMS_TEMPLATE,
  SF_ACCOUNTS_TO_BC_CUSTOMERS_TEMPLATE,
  SF_ORDERS_TO_BC_SALES_ORDERS_TEMPLATE,
  BC_SALES_ORDERS_TO_SF_ORDERS_TEMPLATE,
  BC_SALES_INVOICES_TO_SF_ORDERS_TEMPLATE,
  BC_SALES_INVOICES_TO_SF_DOCUMENTS_TEMPLATE,
  BC_CUSTOMER_PAYMENTS_TO_SF_DOCUMENTS_TEMPLATE,
  BC_CUSTOMERS_TO_SF_ACCOUNTS_TEMPLATE,
];

/** Flow entries of the config file for one BC and one Salesforce connection (every BC ↔ Salesforce flow). */
export function bcFlowEntries(connections: { bc: string; salesforce: string }, overrides: { schedule?: { intervalMs: number } } = {}) {
  return BC_SALESFORCE_FLOW_TEMPLATES.map((t) => ({
    template: t.id,
    connections: t.sourceSystem === 'business-central' ? { source: connections.bc, target: connections.salesforce } : { source: connections.salesforce, target: connections.bc },
    ...(overrides.schedule ? { schedule: overrides.schedule } : {}),
  }));
}
