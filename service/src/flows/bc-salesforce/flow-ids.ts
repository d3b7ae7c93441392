/**
 * Ids of the Business Central ↔ Salesforce flows. Flows refer to each other's links by these ids (an Order's
 * AccountId → the customer number the accounts flow linked), so a flow entry that renames one of them must keep
 * its template id (set `id` only when running a second copy next to the first).
 */
export const SF_PRODUCTS_TO_BC_ITEMS = 'sf-products-to-bc-items';
export const SF_ACCOUNTS_TO_BC_CUSTOMERS = 'sf-accounts-to-bc-customers';
export const SF_ORDERS_TO_BC_SALES_ORDERS = 'sf-orders-to-bc-sales-orders';
export const BC_SALES_ORDERS_TO_SF_ORDERS = 'bc-sales-orders-to-sf-orders';
export const BC_SALES_INVOICES_TO_SF_ORDERS = 'bc-sales-invoices-to-sf-orders';
export const BC_SALES_INVOICES_TO_SF_DOCUMENTS = 'bc-sales-invoices-to-sf-documents';
export const BC_CUSTOMER_PAYMENTS_TO_SF_DOCUMENTS = 'bc-customer-payments-to-sf-documents';
export const BC_CUSTOMERS_TO_SF_ACCOUNTS = 'bc-customers-to-sf-accounts';

export const BC_SYSTEM_ID = 'business-central';
export const SF_SYSTEM_ID = 'salesforce';

/** How often the Salesforce-side flows read their CDC feed (events are buffered between runs). */
export const SF_SOURCE_INTERVAL_MS = 60_000;
/** How often the BC-side flows poll lastModifiedDateTime: the catch-up behind webhooks, the only way without them. */
export const BC_SOURCE_INTERVAL_MS = 5 * 60_000;
