/** The GP receivables and GL flow templates, by id (for flows/index.ts). */
import { GP_CUSTOMER_BALANCES_TO_SF_ACCOUNTS_TEMPLATE } from './gp-customer-balances-to-sf-accounts.ts';
import { GP_RECEIVABLES_TO_SF_DOCUMENTS_TEMPLATE } from './gp-receivables-to-sf-documents.ts';
import { GP_RECEIVABLES_TO_SF_OPPORTUNITIES_TEMPLATE } from './gp-receivables-to-sf-opportunities.ts';
import { GP_RECEIVABLES_TO_SF_ORDERS_TEMPLATE } from './gp-receivables-to-sf-orders.ts';
import { SF_ORDER_REVENUE_TO_GP_GL_TEMPLATE } from './sf-order-revenue-to-gp-gl.ts';
import type { FlowTemplate } from './template.ts';

export const GP_RECEIVABLES_FLOW_TEMPLATES: Record<string, FlowTemplate> = Object.fromEntries(
  [GP_RECEIVABLES_TO_SF_ORDERS_TEMPLATE, GP_RECEIVABLES_TO_SF_OPPORTUNITIES_TEMPLATE, GP_RECEIVABLES_TO_SF_DOCUMENTS_TEMPLATE, GP_CUSTOMER_BALANCES_TO_SF_ACCOUNTS_TEMPLATE, SF_ORDER_REVENUE_TO_GP_GL_TEMPLATE].map((t) => [t.id, t]),
);
