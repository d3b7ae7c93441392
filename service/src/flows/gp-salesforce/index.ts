/** The Dynamics GP ↔ Salesforce flow templates (seeds 000/001), in the order they should run: customers first. */
import type { FlowTemplate } from '../template.ts';
import { GP_CUSTOMER_BALANCES_TO_SF_ACCOUNTS_TEMPLATE } from './gp-customer-balances-to-sf-accounts.ts';
import { GP_CUSTOMERS_TO_SF_ACCOUNTS } from './gp-customers-to-sf-accounts.ts';
import { GP_RECEIVABLES_TO_SF_DOCUMENTS_TEMPLATE } from './gp-receivables-to-sf-documents.ts';
import { GP_RECEIVABLES_TO_SF_OPPORTUNITIES_TEMPLATE } from './gp-receivables-to-sf-opportunities.ts';
import { GP_RECEIVABLES_TO_SF_ORDERS_TEMPLATE } from './gp-receivables-to-sf-orders.ts';
import { SF_ORDER_REVENUE_TO_GP_GL_TEMPLATE } from './sf-order-revenue-to-gp-gl.ts';
import { SF_ORDERS_TO_GP_SALES_DOCUMENTS } from './sf-orders-to-gp-sales-documents.ts';

export const GP_SALESFORCE_FLOW_TEMPLATES: readonly FlowTemplate[] = [
  GP_CUSTOMERS_TO_SF_ACCOUNTS,
  SF_ORDERS_TO_GP_SALES_DOCUMENTS,
  GP_RECEIVABLES_TO_SF_ORDERS_TEMPLATE,
  GP_RECEIVABLES_TO_SF_OPPORTUNITIES_TEMPLATE,
  GP_RECEIVABLES_TO_SF_DOCUMENTS_TEMPLATE,
  GP_CUSTOMER_BALANCES_TO_SF_ACCOUNTS_TEMPLATE,
  SF_ORDER_REVENUE_TO_GP_GL_TEMPLATE,
];
