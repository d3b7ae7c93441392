/**
 * The GL journal writer's transport calls over GP Web Services (SOAP): the `GlJournalTransport` of
 * gl-journal-transport.ts with the 2010/01 contract's IGeneralLedger operations.
 * - Look-up by Reference: GLTransactionCriteria has no Reference member, so `GetGLTransactionList` is asked for the
 *   Work entries (TransactionState = Work, like the SBA resource's GL10000) and its summaries are matched on their
 *   Reference; each match is read with `GetGLTransactionByKey` (Key{Date, JournalId}) for its lines.
 * - `CreateGLTransaction` (policy first) answers nothing and GP assigns JRNENTRY, so the entry is read back by its
 *   Reference (the writer looked first: there was none before).
 */
import { ConnectorError } from '../../../lib/errors.ts';
import type { GlJournalTransport } from '../writers/gl-journal-transport.ts';
import type { GpGlTransaction } from '../receivables-client.ts';
import { SoapDataError } from './customer-codec.ts';
import { glTransactionFromXml, glTransactionKeyXml, glTransactionSummaryFromXml, glTransactionToXml } from './gl-transaction-codec.ts';
import { GP_DATA_NS } from './soap-contract.ts';
import type { GpSoapClient } from './soap-client.ts';
import { children, el } from './xml.ts';

/** At most this many entries with one Reference are read (the SBA look-up asks for $top=10 too). */
const MAX_MATCHES = 10;
const trim = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const amount = (v: unknown) => (typeof v === 'number' ? v : 0);

function unreadable(operation: string, err: unknown, requestId: string): never {
  if (err instanceof SoapDataError) throw new ConnectorError('transient', `GP ${operation} answered with data the connector cannot read: ${err.message}`, { code: 'GP_UNEXPECTED_RESPONSE', requestId });
  throw err;
}

function toTransaction(wire: Record<string, unknown>, requestId: string): GpGlTransaction {
  if (typeof wire.JournalEntry !== 'number' || typeof wire.TransactionDate !== 'string') {
    throw new ConnectorError('transient', 'GP GetGLTransactionByKey returned an entry without its Key (JournalId, Date)', { code: 'GP_UNEXPECTED_RESPONSE', requestId });
  }
  const lines = Array.isArray(wire.Lines) ? (wire.Lines as Array<Record<string, unknown>>) : [];
  return {
    JournalEntry: wire.JournalEntry,
    BatchId: trim(wire.BatchId),
    Reference: trim(wire.Reference),
    TransactionDate: wire.TransactionDate,
    Lines: lines.map((l) => ({ AccountNumber: trim(l.AccountNumber), DebitAmount: amount(l.DebitAmount), CreditAmount: amount(l.CreditAmount), Description: trim(l.Description) })),
  };
}

export function createSoapGlJournals(soap: GpSoapClient): GlJournalTransport {
  async function find(reference: string, signal?: AbortSignal): Promise<{ rows: GpGlTransaction[]; requestId: string }> {
    const criteria = el('criteria', el('g:TransactionState', el('c:EqualValue', 'Work')));
    const list = await soap.invoke('GetGLTransactionList', [criteria], { signal });
    let requestId = list.requestId;
    let keys: Array<{ JournalEntry?: number; TransactionDate?: string }>;
    try {
      keys = children(list.result, GP_DATA_NS, 'GLTransactionSummary')
        .map(glTransactionSummaryFromXml)
        .filter((s) => trim(s.Reference).toUpperCase() === reference.trim().toUpperCase() && (s.TransactionState ?? 'Work') === 'Work');
    } catch (err) {
      return unreadable('GetGLTransactionList', err, requestId);
    }
    const rows: GpGlTransaction[] = [];
    for (const k of keys.slice(0, MAX_MATCHES)) {
      const got = await soap.invoke('GetGLTransactionByKey', [el('key', glTransactionKeyXml(k.TransactionDate, k.JournalEntry))], { signal });
      requestId = got.requestId;
      if (!got.result) throw new ConnectorError('transient', 'GP GetGLTransactionByKey answered without an entry', { code: 'GP_UNEXPECTED_RESPONSE', requestId });
      try {
        rows.push(toTransaction(glTransactionFromXml(got.result), requestId));
      } catch (err) {
        unreadable('GetGLTransactionByKey', err, requestId);
      }
    }
    return { rows: rows.sort((a, b) => a.JournalEntry - b.JournalEntry), requestId };
  }

  return {
    findGlTransactions: (reference, signal) => find(reference, signal),
    async createGlTransaction(input, signal) {
      const { requestId } = await soap.invoke('CreateGLTransaction', [el('glTransaction', glTransactionToXml({ ...input }))], { policy: true, signal });
      const { rows } = await find(input.Reference, signal);
      const transaction = rows[rows.length - 1];
      if (!transaction) throw new ConnectorError('transient', `GP created the journal entry for ${input.Reference} but cannot read it back`, { code: 'GP_UNEXPECTED_RESPONSE', requestId });
      return { transaction, requestId };
    },
  };
}
