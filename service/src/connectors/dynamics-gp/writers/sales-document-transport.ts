/**
 * The sales-document writer's transport calls, behind one small interface: look a SOP document up by key, create
 * it, change it. The SBA implementation is the documents client (`Sales/Transactions`, documents-client.ts); the
 * SOAP one is soap/sales-orders-soap.ts (ISalesOrderTransactions). gp-clients.ts picks one per connection for the
 * entity `salesOrders` (`entityTransports.salesOrders ?? transport`), so the writer's logic — idempotent look-up,
 * fiscal-period and GL-account guards, refusal of posted documents — is the same whichever transport serves it.
 */
import type { GpDocumentsClient } from '../documents-client.ts';

export type SalesDocumentTransport = Pick<GpDocumentsClient, 'getSalesDocument' | 'createSalesDocument' | 'updateSalesDocument'>;
