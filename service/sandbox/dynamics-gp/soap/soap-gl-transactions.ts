/**
 * GP Web Services GL journal entries on the emulator (IGeneralLedger, WSDL 2010/01): `CreateGLTransaction` (policy
 * required, FACTS §2.3 #2) calls the SBA `Financials/GLTransactions` resource's own create
 * (resources/gl-transactions.ts), so every eConnect rule is the resource's: unbalanced 944, no fiscal year 596,
 * period closed for Financial 7117, JRNENTRY taken 997, unknown / inactive account 91040/91041, …
 * `GetGLTransactionByKey` reads a Work entry by GLTransactionKey{Date, JournalId} (missing: BusinessObjectNotFound);
 * `GetGLTransactionList` lists Work entries as GLTransactionSummary, restricted only by TransactionState.EqualValue
 * (other criteria members are refused by name).
 * Security: the Windows account's GP user needs `Financials/GLTransactions` rights (read / create).
 */
import { glTransactionFromXml, glTransactionKeyFromXml, glTransactionToXml } from '../../../src/connectors/dynamics-gp/soap/gl-transaction-codec.ts';
import { GP_COMMON_NS, GP_DATA_NS } from '../../../src/connectors/dynamics-gp/soap/soap-contract.ts';
import { child, childText, el, isNil, type XmlElement } from '../../../src/connectors/dynamics-gp/soap/xml.ts';
import type { GpCompany } from '../gp-company.ts';
import type { GpAction, ResourceContext } from '../resource-registry.ts';
import { glTransactionsResource, glTransactionToWire, type GlTransaction } from '../resources/gl-transactions.ts';
import { SoapFaultError, invalidMessage } from './soap-fault.ts';
import { checkCriteriaBase, checkOrder, CRITERIA_BASE } from './soap-request.ts';
import type { SoapCall, SoapOperation, SoapOperationDeps } from './soap-operations.ts';

const CRITERIA_MEMBERS = ['BatchId', 'CurrencyISOCode', 'Date', 'FiscalYear', 'JournalId', 'LedgerType', 'ModifiedDate', 'RecurringTransactionSequence', 'SourceDocumentId', 'TransactionState'];

export interface GlTransactionOperationDeps {
  deps: SoapOperationDeps;
  param(call: SoapCall, name: string): XmlElement | undefined;
  params(call: SoapCall, operation: string, names: string[]): void;
  /** Company of the context, after company access and Financials/GLTransactions rights for `action`. */
  open(call: SoapCall, action: GpAction): GpCompany;
  checkPolicy(call: SoapCall, operation: string): void;
  /** Resource errors (eConnect numbers, field rules) as faults with the same text. */
  asFault(err: unknown): never;
}

const ctxOf = (d: GlTransactionOperationDeps, call: SoapCall, company: GpCompany): ResourceContext => ({ company, clock: d.deps.clock, gpUserId: call.user.gpUserId });

export function createGlTransactionOperations(d: GlTransactionOperationDeps): { CreateGLTransaction: SoapOperation; GetGLTransactionByKey: SoapOperation; GetGLTransactionList: SoapOperation } {
  return {
    CreateGLTransaction(call) {
      d.params(call, 'CreateGLTransaction', ['glTransaction', 'context', 'policy']);
      const company = d.open(call, 'create');
      d.checkPolicy(call, 'CreateGLTransaction');
      const entry = d.param(call, 'glTransaction');
      if (!entry || isNil(entry)) throw invalidMessage('glTransaction is required');
      try {
        const { TransactionState: _state, ModifiedDate: _modified, ...payload } = glTransactionFromXml(entry);
        if (Array.isArray(payload.Lines)) payload.Lines = (payload.Lines as Array<Record<string, unknown>>).map(({ SequenceNumber: _seq, ...l }) => l);
        glTransactionsResource.create!(ctxOf(d, call, company), payload);
      } catch (err) {
        d.asFault(err);
      }
      return [];
    },
    GetGLTransactionByKey(call) {
      d.params(call, 'GetGLTransactionByKey', ['key', 'context']);
      const company = d.open(call, 'read');
      const key = d.param(call, 'key');
      if (!key || isNil(key)) throw invalidMessage('key is required: GLTransactionKey{Date, JournalId}');
      let k: { JournalEntry?: number; TransactionDate?: string };
      try {
        k = glTransactionKeyFromXml(key, 'GLTransactionKey');
      } catch (err) {
        return d.asFault(err);
      }
      const t = k.JournalEntry === undefined ? undefined : glTransactionsResource.find(ctxOf(d, call, company), [String(k.JournalEntry)]);
      if (!t || (k.TransactionDate !== undefined && k.TransactionDate !== t.header.TRXDATE)) {
        throw new SoapFaultError('BusinessObjectNotFound', `GL transaction ${k.JournalEntry ?? '(no JournalId)'} was not found in company '${company.name}'`);
      }
      return [el('GetGLTransactionByKeyResult', glTransactionToXml(glTransactionToWire(t), { readOnly: true }))];
    },
    GetGLTransactionList(call) {
      d.params(call, 'GetGLTransactionList', ['criteria', 'context']);
      const company = d.open(call, 'read');
      const criteria = d.param(call, 'criteria');
      let state: string | undefined;
      if (criteria && !isNil(criteria)) {
        checkOrder(criteria, 'GLTransactionCriteria', [...CRITERIA_BASE, ...CRITERIA_MEMBERS.map((m): [string, string] => [GP_DATA_NS, m])]);
        checkCriteriaBase(criteria);
        for (const m of criteria.children) if (m.ns === GP_DATA_NS && m.local !== 'TransactionState') throw invalidMessage(`GLTransactionCriteria.${m.local} is not supported by this emulator`);
        const ts = child(criteria, GP_DATA_NS, 'TransactionState');
        if (ts && !isNil(ts)) {
          checkOrder(ts, 'TransactionState', [[GP_COMMON_NS, 'EqualValue']]);
          state = childText(ts, GP_COMMON_NS, 'EqualValue')?.trim();
        }
      }
      // Unposted entries (GL10000) are Work; the emulator keeps no Open / History entries to list.
      const rows = state === undefined || state === 'Work' ? glTransactionsResource.table(ctxOf(d, call, company)).values() : [];
      const summary = (t: GlTransaction) => {
        const w = glTransactionToWire(t);
        return el('g:GLTransactionSummary', [
          String(w.BatchId ?? '').trim() === '' ? undefined : el('g:BatchKey', el('g:Id', String(w.BatchId).trimEnd())),
          el('g:Key', [el('g:Date', `${t.header.TRXDATE as string}T00:00:00`), el('g:JournalId', String(t.header.JRNENTRY))]),
          el('g:ModifiedDate', String(w.ModifiedDate)),
          el('g:Reference', String(w.Reference ?? '').trimEnd()),
          el('g:TransactionState', 'Work'),
        ]);
      };
      return [el('GetGLTransactionListResult', rows.map(summary))];
    },
  };
}
