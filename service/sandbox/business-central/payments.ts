/**
 * Customer payments are lines of a customer payment journal (`customerPaymentJournals(<id>)/customerPayments`,
 * FACTS §3). A line changes nothing until the journal is posted; posting applies each line to its invoice
 * (partial payments reduce remainingAmount, a full one makes the invoice Paid) and removes the line from the
 * journal, as BC does. Posting is what a BC user does in the client, so it is an admin action here.
 */
import { newId, resolveByIdOrNumber, round2, type DomainContext, type EntitySetDef } from './domain.ts';
import { dialog } from './errors.ts';
import type { SalesDocuments } from './sales-documents.ts';
import { BLANK_DATE, CUSTOMER_PAYMENT_SHAPE, fillDefaults } from './shapes.ts';

type Row = Record<string, unknown>;

export interface Payments {
  lines: EntitySetDef;
  postJournal(journalId: string): { posted: number; invoices: Row[] };
  /** Create one payment line and post it at once (a cash receipt entered and posted by a BC user). */
  registerPayment(input: { invoiceId?: string; invoiceNumber?: string; amount: number; postingDate?: string; journalId?: string }): Row;
}

export function createPayments(ctx: DomainContext, docs: SalesDocuments): Payments {
  const { store } = ctx;
  // [U] Payment lines are not a webhook resource; their changes surface as an update of the journal (FACTS §3:
  // customerPaymentJournals is on the supported list, and line changes notify on their header elsewhere).
  const touchJournal = (journalId: unknown): void => {
    if (store.get('customerPaymentJournals', String(journalId))) store.update('customerPaymentJournals', String(journalId), {});
  };

  function resolveInvoice(body: Row): Row | undefined {
    const invoice = resolveByIdOrNumber(ctx, 'salesInvoices', { id: body.appliesToInvoiceId, number: body.appliesToInvoiceNumber }, {
      field: 'Applies-to Doc. No.',
      table: 'Gen. Journal Line',
      relatedTable: 'Sales Invoice Header',
    });
    if (invoice && invoice.status !== 'Open' && invoice.status !== 'Paid') {
      throw dialog(`The field Applies-to Doc. No. of table Gen. Journal Line contains a value (${String(invoice.number)}) that cannot be found in the related table (Sales Invoice Header).`);
    }
    return invoice;
  }

  const lines: EntitySetDef = {
    name: 'customerPayments',
    typeName: 'customerPayment',
    shape: CUSTOMER_PAYMENT_SHAPE,
    parent: { set: 'customerPaymentJournals', foreignKey: 'journalId' },
    create(body, journalId) {
      const journal = store.get('customerPaymentJournals', String(journalId)) as Row;
      const invoice = resolveInvoice(body);
      const customer =
        resolveByIdOrNumber(ctx, 'customers', { id: body.customerId, number: body.customerNumber }, { field: 'Account No.', table: 'Gen. Journal Line', relatedTable: 'Customer' }) ??
        (invoice ? store.get('customers', String(invoice.customerId)) : undefined);
      if (invoice && customer && invoice.customerId !== customer.id) {
        throw dialog(`Invoice ${String(invoice.number)} belongs to customer ${String(invoice.customerNumber)}, not ${String(customer.number)}.`);
      }
      const siblings = store.list('customerPayments').filter((l) => l.journalId === journal.id);
      const lineNumber = typeof body.lineNumber === 'number' ? body.lineNumber : siblings.reduce((m, l) => Math.max(m, Number(l.lineNumber)), 0) + 10000;
      const line = store.insert(
        'customerPayments',
        fillDefaults(CUSTOMER_PAYMENT_SHAPE, {
          postingDate: ctx.today(),
          documentNumber: ctx.nextNumber('G'),
          ...body,
          id: newId(),
          journalId: journal.id,
          journalDisplayName: journal.code,
          lineNumber,
          customerId: customer?.id ?? '00000000-0000-0000-0000-000000000000',
          customerNumber: customer?.number ?? '',
          appliesToInvoiceId: invoice?.id ?? '00000000-0000-0000-0000-000000000000',
          appliesToInvoiceNumber: invoice?.number ?? '',
        }),
      );
      touchJournal(journal.id);
      return line;
    },
    update(existing, patch) {
      const invoice = patch.appliesToInvoiceId !== undefined || patch.appliesToInvoiceNumber !== undefined ? resolveInvoice(patch) : undefined;
      const extra = invoice ? { appliesToInvoiceId: invoice.id, appliesToInvoiceNumber: invoice.number } : {};
      const updated = store.update('customerPayments', String(existing.id), { ...patch, ...extra });
      touchJournal(existing.journalId);
      return updated;
    },
    remove(existing) {
      store.remove('customerPayments', String(existing.id));
      touchJournal(existing.journalId);
    },
  };

  function postLine(line: Row): Row | undefined {
    if (line.postingDate === BLANK_DATE) throw dialog(`Posting Date must have a value in Gen. Journal Line: Line No.=${String(line.lineNumber)}.`);
    const amount = Number(line.amount);
    if (!(amount > 0)) throw dialog(`Amount must be positive in Gen. Journal Line: Line No.=${String(line.lineNumber)}.`);
    store.remove('customerPayments', String(line.id));
    touchJournal(line.journalId);
    const invoiceId = String(line.appliesToInvoiceId);
    const invoice = store.get('salesInvoices', invoiceId);
    if (!invoice) return undefined;
    const remaining = round2(Math.max(0, Number(invoice.remainingAmount) - amount));
    const updated = store.update('salesInvoices', invoiceId, { remainingAmount: remaining, status: remaining === 0 ? 'Paid' : 'Open' });
    docs.recomputeCustomerBalance(String(invoice.customerId));
    return updated;
  }

  function postJournal(journalId: string): { posted: number; invoices: Row[] } {
    if (!store.get('customerPaymentJournals', journalId)) throw dialog(`Journal ${journalId} does not exist.`);
    const pending = store
      .list('customerPayments')
      .filter((l) => l.journalId === journalId)
      .sort((a, b) => Number(a.lineNumber) - Number(b.lineNumber));
    const invoices = pending.map(postLine).filter((x): x is Row => x !== undefined);
    return { posted: pending.length, invoices };
  }

  function registerPayment(input: { invoiceId?: string; invoiceNumber?: string; amount: number; postingDate?: string; journalId?: string }): Row {
    const journalId = input.journalId ?? String(store.list('customerPaymentJournals')[0]?.id ?? '');
    if (!store.get('customerPaymentJournals', journalId)) throw dialog('No customer payment journal exists.');
    const body: Row = { amount: input.amount };
    if (input.invoiceId) body.appliesToInvoiceId = input.invoiceId;
    if (input.invoiceNumber) body.appliesToInvoiceNumber = input.invoiceNumber;
    if (input.postingDate) body.postingDate = input.postingDate;
    const line = lines.create(body, journalId);
    const invoice = postLine(line);
    if (!invoice) throw dialog('The payment was posted without an invoice to apply it to.');
    return invoice;
  }

  return { lines, postJournal, registerPayment };
}
