/**
 * GP Web Services sales orders on the emulator (ISalesOrderTransactions, WSDL 2010/01): `CreateSalesOrder`
 * (policy required, FACTS §2.3 #2) writes a Work SOP document of type 2 (Order) into the same store the SBA
 * `Sales/Transactions` resource uses (resources/sop-store.ts), so every rule and eConnect number is the store's:
 * unknown customer 66, unknown item 91001, number taken in work or history 56, subtotal 67, … — and, like
 * eConnect, no fiscal-period check (GP-DOMAIN §4). `GetSalesOrderByKey` reads an order (Work or History) by
 * its `SalesDocumentKey{Id}`; a missing one is `BusinessObjectNotFound`.
 * Security: the Windows account's GP user needs `Sales/Transactions` rights (read / create).
 */
import { salesOrderFromXml, salesOrderToXml } from '../../../src/connectors/dynamics-gp/soap/sales-order-codec.ts';
import { GP_DATA_NS } from '../../../src/connectors/dynamics-gp/soap/soap-contract.ts';
import { childText, el, isNil, type XmlElement } from '../../../src/connectors/dynamics-gp/soap/xml.ts';
import type { GpCompany } from '../gp-company.ts';
import { normalizeKey } from '../gp-columns.ts';
import type { GpAction } from '../resource-registry.ts';
import { sopToWire } from '../resources/sop-columns.ts';
import { createSopDocument, findSopDocument } from '../resources/sop-store.ts';
import { SoapFaultError, invalidMessage } from './soap-fault.ts';
import { checkOrder } from './soap-request.ts';
import type { SoapCall, SoapOperation, SoapOperationDeps } from './soap-operations.ts';

const SOP_ORDER = 2;

export interface SalesOrderOperationDeps {
  deps: SoapOperationDeps;
  param(call: SoapCall, name: string): XmlElement | undefined;
  params(call: SoapCall, operation: string, names: string[]): void;
  /** Company of the context, after company access and Sales/Transactions rights for `action`. */
  open(call: SoapCall, action: GpAction): GpCompany;
  checkPolicy(call: SoapCall, operation: string): void;
  /** Store errors (eConnect numbers, field rules) as faults with the same text. */
  asFault(err: unknown): never;
}

export function createSalesOrderOperations(d: SalesOrderOperationDeps): { CreateSalesOrder: SoapOperation; GetSalesOrderByKey: SoapOperation } {
  return {
    CreateSalesOrder(call) {
      d.params(call, 'CreateSalesOrder', ['salesOrder', 'context', 'policy']);
      const company = d.open(call, 'create');
      d.checkPolicy(call, 'CreateSalesOrder');
      const order = d.param(call, 'salesOrder');
      if (!order || isNil(order)) throw invalidMessage('salesOrder is required');
      try {
        createSopDocument(company, d.deps.clock, { SopType: SOP_ORDER, ...salesOrderFromXml(order) });
      } catch (err) {
        d.asFault(err);
      }
      return [];
    },
    GetSalesOrderByKey(call) {
      d.params(call, 'GetSalesOrderByKey', ['key', 'context']);
      const company = d.open(call, 'read');
      const key = d.param(call, 'key');
      if (!key || isNil(key)) throw invalidMessage('key is required: SalesDocumentKey{Id}');
      checkOrder(key, 'SalesDocumentKey', [
        [GP_DATA_NS, 'CompanyKey'],
        [GP_DATA_NS, 'Id'],
      ]);
      const id = normalizeKey(childText(key, GP_DATA_NS, 'Id') ?? '');
      const doc = findSopDocument(company, SOP_ORDER, id);
      if (!doc) throw new SoapFaultError('BusinessObjectNotFound', `Sales order '${id}' was not found in company '${company.name}'`);
      return [el('GetSalesOrderByKeyResult', salesOrderToXml(sopToWire(doc), { readOnly: true }))];
    },
  };
}
