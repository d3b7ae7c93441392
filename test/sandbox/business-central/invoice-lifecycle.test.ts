/** A sales invoice from Draft to Open (Microsoft.NAV.post, 204) to Paid (partial, then full payment). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BcClient } from '../../../service/src/connectors/business-central/client.ts';
import type { BcCustomer, BcSalesInvoice } from '../../../service/src/connectors/business-central/entities.ts';
import { createBcFeed, type BcCursor } from '../../../service/src/connectors/business-central/feeds/last-modified-feed.ts';
import { ConnectorError } from '../../../service/src/lib/errors.ts';
import type { BcSandbox } from '../../../service/sandbox/business-central/index.ts';
import { bcClient, startBc } from '../../connectors/business-central/helpers.ts';

describe('business central sales invoice lifecycle', () => {
  let sandbox: BcSandbox;
  let client: BcClient;
  let invoiceId = '';
  let cursor: BcCursor | null = null;
  const feedStatuses = async (): Promise<string[]> => {
    const feed = createBcFeed(client, 'salesInvoices', { overlapMs: 0 });
    const page = await feed.read(cursor, { pageSize: 50 });
    cursor = page.cursor;
    return page.changes.map((c) => String(c.data.status));
  };

  beforeAll(async () => {
    sandbox = await startBc({ seed: 'demo' });
    client = bcClient(sandbox);
  });
  afterAll(() => sandbox.stop());

  it('creates a Draft invoice with lines and totals', async () => {
    const invoice = await client.create<BcSalesInvoice>('salesInvoices', { customerNumber: '10000', externalDocumentNumber: 'SF-ORDER-77' });
    invoiceId = invoice.id;
    await client.batch([
      { method: 'POST', path: `salesInvoices(${invoiceId})/salesInvoiceLines`, body: { lineObjectNumber: '1896-S', quantity: 1, unitPrice: 1000 } },
      { method: 'POST', path: `salesInvoices(${invoiceId})/salesInvoiceLines`, body: { lineObjectNumber: '1996-S', quantity: 2, unitPrice: 250 } },
    ]);
    const draft = await client.get<BcSalesInvoice>('salesInvoices', invoiceId);
    expect(draft).toMatchObject({ status: 'Draft', totalAmountIncludingTax: 1500 });
    expect(await feedStatuses()).toEqual(['Draft']);
  });

  it('posts it with Microsoft.NAV.post: 204, then Open with the posted number', async () => {
    const draftNumber = (await client.get<BcSalesInvoice>('salesInvoices', invoiceId))?.number;
    const res = await client.request('POST', `salesInvoices(${invoiceId})/Microsoft.NAV.post`);
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    const open = await client.get<BcSalesInvoice>('salesInvoices', invoiceId);
    expect(open).toMatchObject({ status: 'Open', remainingAmount: 1500 });
    expect(open?.number).not.toBe(draftNumber);
    expect(open?.number).toMatch(/^PS-INV/);
    expect(await feedStatuses()).toEqual(['Open']);
    const again = (await client.invokeAction('salesInvoices', invoiceId, 'post').catch((e: unknown) => e)) as ConnectorError;
    expect(again).toBeInstanceOf(ConnectorError);
    expect(again.category).toBe('validation');
  });

  it('a partial payment reduces remainingAmount; the full one makes it Paid', async () => {
    const customer = (await client.listAll<BcCustomer>('customers', { filter: "number eq '10000'" }))[0];
    expect(customer?.balanceDue).toBe(1500);

    // A payment line entered through the API changes nothing until the journal is posted.
    const journalId = sandbox.admin.paymentJournalId();
    await client.create(`customerPaymentJournals(${journalId})/customerPayments`, { customerNumber: '10000', appliesToInvoiceId: invoiceId, amount: 600 });
    expect((await client.get<BcSalesInvoice>('salesInvoices', invoiceId))?.remainingAmount).toBe(1500);
    sandbox.admin.postPaymentJournal(journalId);
    expect(await client.get<BcSalesInvoice>('salesInvoices', invoiceId)).toMatchObject({ status: 'Open', remainingAmount: 900 });
    expect((await client.listAll<BcCustomer>('customers', { filter: "number eq '10000'" }))[0]?.balanceDue).toBe(900);
    expect(await feedStatuses()).toEqual(['Open']);

    sandbox.admin.registerPayment({ invoiceId, amount: 900 });
    expect(await client.get<BcSalesInvoice>('salesInvoices', invoiceId)).toMatchObject({ status: 'Paid', remainingAmount: 0 });
    expect(await feedStatuses()).toEqual(['Paid']);
  });
});
