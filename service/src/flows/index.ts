import { BC_FLOW_TEMPLATES } from './bc-flow-templates.ts';
import { GP_CUSTOMERS_TO_SF_ACCOUNTS } from './gp-customers-to-sf-accounts.ts';
import { GP_RECEIVABLES_FLOW_TEMPLATES } from './gp-receivables-flow-templates.ts';
import { SF_ORDERS_TO_GP_SALES_DOCUMENTS } from './sf-orders-to-gp-sales-documents.ts';
import type { FlowTemplate } from './template.ts';

/** Every built-in flow template, by id. */
export const FLOW_TEMPLATES: Record<string, FlowTemplate> = {
  [GP_CUSTOMERS_TO_SF_ACCOUNTS.id]: GP_CUSTOMERS_TO_SF_ACCOUNTS,
  [SF_ORDERS_TO_GP_SALES_DOCUMENTS.id]: SF_ORDERS_TO_GP_SALES_DOCUMENTS,
  ...GP_RECEIVABLES_FLOW_TEMPLATES,
  ...BC_FLOW_TEMPLATES,
};

export type { FlowTemplate };
