/**
 * Sales orders and sales invoices with their lines. A document is editable while its status is Draft (BC's
 * "Open" document status); lines must reference an existing, unblocked item; totals are recomputed from the
 * lines. Invoices are posted with `Microsoft.NAV.post` (FACTS §3 [V]: 204): Draft → Open with the posted
 * number [U: the id stays the same here], Open → Paid once payments bring remainingAmount to zero.
 */
import { newId, resolveByIdOrNumber, round2, type DomainContext, type EntitySetDef } from './domain.ts';
import { dialog } from './errors.ts';
import { BLANK_DATE, SALES_INVOICE_LINE_SHAPE, SALES_INVOICE_SHAPE, SALES_ORDER_LINE_SHAPE, SALES_ORDER_SHAPE, fillDefaults, type EntityShape } from './shapes.ts';

type Row = Record<string, unknown>;

interface DocKind {
  set: 'salesOrders' | 'salesInvoices';
  lineSet: 'salesOrderLines' | 'salesInvoiceLines';
  shape: EntityShape;
  lineShape: EntityShape;
  label: 'Order' | 'Invoice';
  series: string;
  dateField: 'orderDate' | 'invoiceDate';
}

const ORDER: DocKind = { set: 'salesOrders', lineSet: 'salesOrderLines', shape: SALES_ORDER_SHAPE, lineShape: SALES_ORDER_LINE_SHAPE, label: 'Order', series: 'S-ORD', dateField: 'orderDate' };
const INVOICE: DocKind = { set: 'salesInvoices', lineSet: 'salesInvoiceLines', shape: SALES_INVOICE_SHAPE, lineShape: SALES_INVOICE_LINE_SHAPE, label: 'Invoice', series: 'S-INV', dateField: 'invoiceDate' };

function customerFields(customer: Row, body: Row): Row {
  const address = (prefix: string): Row => ({
    [`${prefix}AddressLine1`]: customer.addressLine1,
    [`${prefix}AddressLine2`]: customer.addressLine2,
    [`${prefix}City`]: customer.city,
    [`${prefix}Country`]: customer.country,
    [`${prefix}State`]: customer.state,
    [`${prefix}PostCode`]: customer.postalCode,
  });
  return {
    ...address('sellTo'),
    ...address('billTo'),
    ...address('shipTo'),
    shipToName: customer.displayName,
    email: customer.email,
    phoneNumber: customer.phoneNumber,
    currencyCode: customer.currencyCode,
    paymentTermsId: customer.paymentTermsId,
    ...body,
    customerId: customer.id,
    customerNumber: customer.number,
    customerName: customer.displayName,
    billToCustomerId: customer.id,
    billToCustomerNumber: customer.number,
    billToName: customer.displayName,
  };
}

function resolveCustomer(ctx: DomainContext, body: Row): Row | undefined {
  const customer = resolveByIdOrNumber(ctx, 'customers', { id: body.customerId, number: body.customerNumber }, { field: 'Sell-to Customer No.', table: 'Sales Header', relatedTable: 'Customer' });
  if (customer?.blocked === 'All') throw dialog(`You cannot create this type of document when Customer ${String(customer.number)} is blocked with type All`);
  return customer;
}

function computeLine(body: Row): Row {
  const quantity = Number(body.quantity ?? 0);
  const unitPrice = Number(body.unitPrice ?? 0);
  const gross = quantity * unitPrice;
  const discountPercent = Number(body.discountPercent ?? 0);
  const discountAmount = body.discountPercent !== undefined && discountPercent > 0 ? round2((gross * discountPercent) / 100) : Number(body.discountAmount ?? 0);
  const amountExcludingTax = round2(gross - discountAmount);
  // [U] The emulator models a tax-free company: taxPercent 0, so including-tax equals excluding-tax.
  return {
    discountAmount,
    discountPercent: gross > 0 ? round2((discountAmount / gross) * 100) : 0,
    amountExcludingTax,
    taxPercent: 0,
    totalTaxAmount: 0,
    amountIncludingTax: amountExcludingTax,
    netAmount: amountExcludingTax,
    netTaxAmount: 0,
    netAmountIncludingTax: amountExcludingTax,
  };
}

export interface SalesDocuments {
  orders: EntitySetDef;
  orderLines: EntitySetDef;
  invoices: EntitySetDef;
  invoiceLines: EntitySetDef;
  postInvoice(id: string): Row;
  /** A BC user ships and invoices the whole order: a posted invoice replaces the order (which BC deletes). */
  shipAndInvoiceOrder(id: string): Row;
  setOrderStatus(id: string, status: 'Draft' | 'In Review' | 'Open'): Row;
  recomputeCustomerBalance(customerId: string): void;
}

export function createSalesDocuments(ctx: DomainContext): SalesDocuments {
  const { store } = ctx;

  function recomputeTotals(kind: DocKind, documentId: string): void {
    const header = store.get(kind.set, documentId);
    if (!header) return;
    const lines = store.list(kind.lineSet).filter((l) => l.documentId === documentId);
    const sumExcl = lines.reduce((n, l) => n + Number(l.amountExcludingTax), 0);
    const tax = round2(lines.reduce((n, l) => n + Number(l.totalTaxAmount), 0));
    const totalExcl = round2(sumExcl - Number(header.discountAmount ?? 0));
    store.update(kind.set, documentId, { totalAmountExcludingTax: totalExcl, totalTaxAmount: tax, totalAmountIncludingTax: round2(totalExcl + tax) });
  }

  function assertEditable(kind: DocKind, header: Row): void {
    if (header.status !== 'Draft') {
      const current = kind === ORDER ? (header.status === 'Open' ? 'Released' : 'Pending Approval') : 'Posted';
      throw dialog(`Status must be equal to 'Open'  in Sales Header: Document Type=${kind.label}, No.=${String(header.number)}. Current value is '${current}'.`);
    }
  }

  function headerSet(kind: DocKind): EntitySetDef {
    return {
      name: kind.set,
      typeName: kind === ORDER ? 'salesOrder' : 'salesInvoice',
      shape: kind.shape,
      create(body) {
        const customer = resolveCustomer(ctx, body);
        if (!customer) throw dialog(`Sell-to Customer No. must have a value in Sales Header: Document Type=${kind.label}, No.=. It cannot be zero or empty.`);
        const values: Row = {
          [kind.dateField]: ctx.today(),
          postingDate: ctx.today(),
          ...customerFields(customer, body),
          id: newId(),
          number: ctx.nextNumber(kind.series),
          status: 'Draft',
        };
        if (kind === INVOICE && (values.dueDate === undefined || values.dueDate === BLANK_DATE)) values.dueDate = values.invoiceDate;
        return store.insert(kind.set, fillDefaults(kind.shape, values));
      },
      update(existing, patch) {
        assertEditable(kind, existing);
        const id = String(existing.id);
        let next = patch;
        if (patch.customerId !== undefined || patch.customerNumber !== undefined) {
          const customer = resolveCustomer(ctx, patch);
          if (customer) next = customerFields(customer, patch);
        }
        store.update(kind.set, id, next);
        recomputeTotals(kind, id);
        return store.get(kind.set, id) as Row;
      },
      remove(existing) {
        if (kind === INVOICE) assertEditable(kind, existing);
        for (const l of store.list(kind.lineSet).filter((x) => x.documentId === existing.id)) store.remove(kind.lineSet, String(l.id));
        store.remove(kind.set, String(existing.id));
      },
      actions: kind === INVOICE ? { post: (r) => void postInvoice(String(r.id)) } : undefined,
    };
  }

  function resolveLine(kind: DocKind, body: Row, header: Row): Row {
    const lineType = body.lineType ?? (body.itemId !== undefined || body.lineObjectNumber !== undefined ? 'Item' : 'Comment');
    if (lineType === 'Comment') return { ...body, lineType };
    if (lineType !== 'Item') throw dialog(`[sandbox] Line type ${String(lineType)} is not emulated; use Item or Comment lines.`);
    const item = resolveByIdOrNumber(ctx, 'items', { id: body.itemId, number: body.lineObjectNumber }, { field: 'No.', table: 'Sales Line', relatedTable: 'Item' });
    if (!item) throw dialog(`No. must have a value in Sales Line: Document Type=${kind.label}, Document No.=${String(header.number)}. It cannot be zero or empty.`);
    if (item.blocked === true) throw dialog(`You cannot sell Item ${String(item.number)} because the Blocked check box is selected on the item card.`);
    return {
      description: item.displayName,
      unitPrice: item.unitPrice,
      unitOfMeasureCode: item.baseUnitOfMeasureCode,
      unitOfMeasureId: item.baseUnitOfMeasureId,
      ...body,
      lineType,
      itemId: item.id,
      lineObjectNumber: item.number,
    };
  }

  function lineSet(kind: DocKind): EntitySetDef {
    return {
      name: kind.lineSet,
      typeName: kind === ORDER ? 'salesOrderLine' : 'salesInvoiceLine',
      shape: kind.lineShape,
      parent: { set: kind.set, foreignKey: 'documentId' },
      create(body, parentId) {
        const header = store.get(kind.set, String(parentId)) as Row;
        assertEditable(kind, header);
        const resolved = resolveLine(kind, body, header);
        const siblings = store.list(kind.lineSet).filter((l) => l.documentId === header.id);
        const sequence = typeof body.sequence === 'number' ? body.sequence : siblings.reduce((m, l) => Math.max(m, Number(l.sequence)), 0) + 10000;
        const quantity = Number(resolved.quantity ?? 0);
        const shipping = kind === ORDER ? { invoiceQuantity: quantity, shipQuantity: quantity } : {};
        const line = store.insert(kind.lineSet, fillDefaults(kind.lineShape, { ...resolved, ...computeLine(resolved), ...shipping, sequence, id: newId(), documentId: header.id }));
        recomputeTotals(kind, String(header.id));
        return line;
      },
      update(existing, patch) {
        const header = store.get(kind.set, String(existing.documentId)) as Row;
        assertEditable(kind, header);
        const merged = resolveLine(kind, { ...existing, ...patch }, header);
        store.update(kind.lineSet, String(existing.id), { ...patch, itemId: merged.itemId, lineObjectNumber: merged.lineObjectNumber, ...computeLine(merged) });
        recomputeTotals(kind, String(header.id));
        return store.get(kind.lineSet, String(existing.id)) as Row;
      },
      remove(existing) {
        const header = store.get(kind.set, String(existing.documentId)) as Row;
        assertEditable(kind, header);
        store.remove(kind.lineSet, String(existing.id));
        recomputeTotals(kind, String(header.id));
      },
    };
  }

  function recomputeCustomerBalance(customerId: string): void {
    if (!store.get('customers', customerId)) return;
    const open = store.list('salesInvoices').filter((i) => i.customerId === customerId && i.status === 'Open');
    store.update('customers', customerId, { balanceDue: round2(open.reduce((n, i) => n + Number(i.remainingAmount), 0)) });
  }

  function postInvoice(id: string): Row {
    const invoice = store.get('salesInvoices', id);
    if (!invoice) throw dialog(`Sales invoice ${id} does not exist.`);
    if (invoice.status !== 'Draft') throw dialog(`[U] Sales invoice ${String(invoice.number)} has status ${String(invoice.status)}; only Draft invoices can be posted.`);
    const lines = store.list('salesInvoiceLines').filter((l) => l.documentId === id && l.lineType !== 'Comment' && Number(l.quantity) !== 0);
    if (lines.length === 0) throw dialog('There is nothing to post.');
    const customer = store.get('customers', String(invoice.customerId));
    if (customer && (customer.blocked === 'Invoice' || customer.blocked === 'All')) {
      throw dialog(`You cannot post this type of document when Customer ${String(customer.number)} is blocked with type ${String(customer.blocked)}`);
    }
    const total = Number(invoice.totalAmountIncludingTax);
    store.update('salesInvoices', id, {
      status: total > 0 ? 'Open' : 'Paid',
      number: ctx.nextNumber('PS-INV'),
      remainingAmount: total,
      postingDate: invoice.postingDate === BLANK_DATE ? ctx.today() : invoice.postingDate,
    });
    recomputeCustomerBalance(String(invoice.customerId));
    return store.get('salesInvoices', id) as Row;
  }

  function shipAndInvoiceOrder(id: string): Row {
    const order = store.get('salesOrders', id);
    if (!order) throw dialog(`Sales order ${id} does not exist.`);
    const lines = store.list('salesOrderLines').filter((l) => l.documentId === id);
    if (!lines.some((l) => l.lineType !== 'Comment' && Number(l.quantity) !== 0)) throw dialog('There is nothing to post.');
    const copied = Object.fromEntries(Object.keys(SALES_INVOICE_SHAPE).filter((k) => k in order && k !== 'id' && k !== 'number' && k !== 'status').map((k) => [k, order[k]]));
    const invoiceId = newId();
    store.insert('salesInvoices', fillDefaults(SALES_INVOICE_SHAPE, { ...copied, id: invoiceId, number: ctx.nextNumber('S-INV'), invoiceDate: ctx.today(), dueDate: ctx.today(), orderId: order.id, orderNumber: order.number, status: 'Draft' }));
    for (const l of lines) {
      const copy = Object.fromEntries(Object.keys(SALES_INVOICE_LINE_SHAPE).filter((k) => k in l).map((k) => [k, l[k]]));
      store.insert('salesInvoiceLines', { ...copy, id: newId(), documentId: invoiceId });
    }
    recomputeTotals(INVOICE, invoiceId);
    for (const l of lines) store.remove('salesOrderLines', String(l.id));
    store.remove('salesOrders', id);
    return postInvoice(invoiceId);
  }

  function setOrderStatus(id: string, status: 'Draft' | 'In Review' | 'Open'): Row {
    if (!store.get('salesOrders', id)) throw dialog(`Sales order ${id} does not exist.`);
    return store.update('salesOrders', id, { status });
  }

  return {
    orders: headerSet(ORDER),
    orderLines: lineSet(ORDER),
    invoices: headerSet(INVOICE),
    invoiceLines: lineSet(INVOICE),
    postInvoice,
    shipAndInvoiceOrder,
    setOrderStatus,
    recomputeCustomerBalance,
  };
}
