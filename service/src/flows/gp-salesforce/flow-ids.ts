/** Ids shared by the GP receivables / GL flow templates. */
export const GP_RECEIVABLES_TO_SF_ORDERS = 'gp-receivables-to-sf-orders';
export const GP_RECEIVABLES_TO_SF_OPPORTUNITIES = 'gp-receivables-to-sf-opportunities';
export const GP_RECEIVABLES_TO_SF_DOCUMENTS = 'gp-receivables-to-sf-documents';
export const GP_CUSTOMER_BALANCES_TO_SF_ACCOUNTS = 'gp-customer-balances-to-sf-accounts';
export const SF_ORDER_REVENUE_TO_GP_GL = 'sf-order-revenue-to-gp-gl';
/** Links: sourceId = Salesforce Order Id, targetId = `SOP:3;<GP number>` / `RM:1;<GP number>` (sales-document-writer.ts). */
export const GP_ORDERS_FLOW = 'sf-orders-to-gp-sales-documents';
/** Links: sourceId = GP CUSTNMBR, targetId = Salesforce Account Id. */
export const GP_CUSTOMERS_FLOW = 'gp-customers-to-sf-accounts';
/** GP is polled gently (seed 000: start slow, speed up only if needed). */
export const GP_RECEIVABLES_INTERVAL_MS = 15 * 60_000;
