/**
 * The sales-document writer's transport calls over GP Web Services (SOAP): the `SalesDocumentTransport` of
 * sales-document-transport.ts for SOP orders, with the 2010/01 contract's ISalesOrderTransactions operations —
 * `GetSalesOrderByKey` (the writer's look-up before any create; `BusinessObjectNotFound` = not there) and
 * `CreateSalesOrder` (policy first), read back with GetSalesOrderByKey so the writer sees what GP stored.
 * Not available over SOAP in this build (refused plainly, naming the way out): SOP invoices
 * (Create/GetSalesInvoiceByKey) and changing an existing Work order (UpdateSalesOrder).
 */
import { ConnectorError } from '../../../lib/errors.ts';
import type { GpSalesDocument } from '../documents-client.ts';
import type { SalesDocumentTransport } from '../writers/sales-document-transport.ts';
import { SoapDataError } from './customer-codec.ts';
import { salesOrderFromXml, salesOrderToXml } from './sales-order-codec.ts';
import type { GpSoapClient } from './soap-client.ts';
import { el } from './xml.ts';

const SOP_ORDER = 2;
const trim = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const amount = (v: unknown) => (typeof v === 'number' ? v : 0);

function onlyOrders(sopType: number, what: string): void {
  if (sopType !== SOP_ORDER) {
    throw new ConnectorError('validation', `GP ${what}: SOP type ${sopType} is not written over SOAP in this build (only orders, type 2); set entityTransports.salesOrders to "sba" for invoices`, {
      code: 'GP_SOAP_UNSUPPORTED',
    });
  }
}

function toDocument(wire: Record<string, unknown>, requestId: string): GpSalesDocument {
  const state = trim(wire.TransactionState);
  if (state !== 'Work' && state !== 'History') throw new ConnectorError('transient', `GP GetSalesOrderByKey returned an order in state "${state}"`, { code: 'GP_UNEXPECTED_RESPONSE', requestId });
  const lines = Array.isArray(wire.Lines) ? (wire.Lines as Array<Record<string, unknown>>) : [];
  return {
    SopType: SOP_ORDER,
    SopNumber: trim(wire.SopNumber),
    DocumentId: trim(wire.DocumentId),
    CustomerId: trim(wire.CustomerId),
    CustomerPONumber: trim(wire.CustomerPONumber),
    BatchId: trim(wire.BatchId),
    DocumentDate: trim(wire.DocumentDate),
    Subtotal: amount(wire.Subtotal),
    TransactionState: state,
    Lines: lines.map((l) => ({
      ItemNumber: trim(l.ItemNumber),
      Description: trim(l.Description),
      Quantity: amount(l.Quantity),
      UnitPrice: amount(l.UnitPrice),
      SalesAccount: trim(l.SalesAccount),
      ExtendedPrice: amount(l.ExtendedPrice),
    })),
  };
}

export function createSoapSalesDocuments(soap: GpSoapClient): SalesDocumentTransport {
  async function get(sopNumber: string, signal?: AbortSignal): Promise<{ document: GpSalesDocument | undefined; requestId: string }> {
    try {
      const { result, requestId } = await soap.invoke('GetSalesOrderByKey', [el('key', el('g:Id', sopNumber.trim().toUpperCase()))], { signal });
      if (!result) throw new ConnectorError('transient', 'GP GetSalesOrderByKey answered without an order', { code: 'GP_UNEXPECTED_RESPONSE', requestId });
      try {
        return { document: toDocument(salesOrderFromXml(result), requestId), requestId };
      } catch (err) {
        if (err instanceof SoapDataError) throw new ConnectorError('transient', `GP GetSalesOrderByKey answered with data the connector cannot read: ${err.message}`, { code: 'GP_UNEXPECTED_RESPONSE', requestId });
        throw err;
      }
    } catch (err) {
      if (err instanceof ConnectorError && err.code === 'BusinessObjectNotFound') return { document: undefined, requestId: err.requestId ?? '' };
      throw err;
    }
  }

  return {
    async getSalesDocument(sopType, sopNumber, signal) {
      onlyOrders(sopType, 'getSalesDocument');
      return get(sopNumber, signal);
    },
    async createSalesDocument(input, signal) {
      onlyOrders(input.SopType as number, 'createSalesDocument');
      const { requestId } = await soap.invoke('CreateSalesOrder', [el('salesOrder', salesOrderToXml(input))], { policy: true, signal });
      const { document } = await get(String(input.SopNumber ?? ''), signal);
      if (!document) throw new ConnectorError('transient', `GP created sales order ${String(input.SopNumber)} but cannot read it back`, { code: 'GP_UNEXPECTED_RESPONSE', requestId });
      return { document, requestId };
    },
    updateSalesDocument(sopType, sopNumber) {
      return Promise.reject(
        new ConnectorError('validation', `GP sales order ${sopNumber.trim().toUpperCase()} (type ${sopType}) exists in Work with other content; changing it over SOAP (UpdateSalesOrder) is not available in this build — set entityTransports.salesOrders to "sba" to update it`, {
          code: 'GP_SOAP_UNSUPPORTED',
        }),
      );
    },
  };
}
