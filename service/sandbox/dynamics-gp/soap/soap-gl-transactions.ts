/**
 * GL journal entries over GP Web Services (IGeneralLedger, WSDL 2010/01 [V]) on the SBA `Financials/GLTransactions`
 * resource (resources/gl-transactions.ts), so every eConnect rule is the resource's: unbalanced 944, no fiscal
 * year 596, period closed for Financial 7117, JRNENTRY taken 997, unknown / inactive account 91040/91041, …
 * `CreateGLTransaction` needs its policy (FACTS §2.3 #2); `GetGLTransactionByKey(GLTransactionKey{Date,
 * JournalId})` reads a Work entry (missing: BusinessObjectNotFound); `GetGLTransactionList` lists Work entries as
 * GLTransactionSummary, restricted by TransactionState, BatchId, Date and ModifiedDate.
 * Security: the Windows account's GP user needs `Financials/GLTransactions` rights (read / create).
 */
import { normalizeKey } from '../gp-columns.ts';
import type { GpCompany } from '../gp-company.ts';
import type { ResourceContext } from '../resource-registry.ts';
import { glTransactionsResource, glTransactionToWire } from '../resources/gl-transactions.ts';
import { GL_TRANSACTION_READ_MEMBERS, readGlTransaction, readGlTransactionKey, writeGlSummary, writeGlTransaction } from './gl-transaction-xml.ts';
import { checkCriteriaBase, criteriaSupported, dateTimeMatcher, equalityMatcher, stringMatcher } from './soap-criteria.ts';
import type { SoapCall, SoapCallTools, SoapOperation } from './soap-call.ts';
import { CURRENCY_ISO } from './soap-companies.ts';
import { SoapFaultError } from './soap-fault.ts';

const GL = 'Financials/GLTransactions';
const LIST_CRITERIA = ['BatchId', 'Date', 'ModifiedDate', 'TransactionState'];

const ctxOf = (t: SoapCallTools, call: SoapCall, company: GpCompany): ResourceContext => ({ company, clock: t.deps.clock, gpUserId: call.user.gpUserId });
const day = (v: unknown) => `${String(v).slice(0, 10)}T00:00:00.000`;

export function createGlTransactionOperations(t: SoapCallTools): Record<'CreateGLTransaction' | 'GetGLTransactionByKey' | 'GetGLTransactionList', SoapOperation> {
  const detailOf = (company: GpCompany) => ({ currencyIso: CURRENCY_ISO[normalizeKey(company.currency.id)] ?? '', decimals: company.currency.decimals });
  return {
    CreateGLTransaction(call) {
      const company = t.open(call, GL, 'create');
      t.checkPolicy(call);
      const payload = readGlTransaction(t.required(call, 'glTransaction', GL_TRANSACTION_READ_MEMBERS));
      try {
        glTransactionsResource.create!(ctxOf(t, call, company), payload);
      } catch (err) {
        t.asFault(err);
      }
      return undefined;
    },
    GetGLTransactionByKey(call) {
      const company = t.open(call, GL, 'read');
      const key = readGlTransactionKey(t.required(call, 'key', ['CompanyKey', 'Date', 'JournalId']));
      const entry = key.JournalEntry === undefined ? undefined : glTransactionsResource.find(ctxOf(t, call, company), [String(key.JournalEntry)]);
      if (!entry || (key.TransactionDate !== undefined && key.TransactionDate !== entry.header.TRXDATE)) {
        throw new SoapFaultError('BusinessObjectNotFound', `GL transaction ${key.JournalEntry ?? '(no JournalId)'} was not found in company '${company.name}'`);
      }
      return writeGlTransaction(glTransactionToWire(entry), detailOf(company));
    },
    GetGLTransactionList(call) {
      const company = t.open(call, GL, 'read');
      const criteria = call.params.object('criteria', criteriaSupported(LIST_CRITERIA));
      if (criteria) checkCriteriaBase(criteria);
      const state = criteria && equalityMatcher(criteria, 'TransactionState', 'enum');
      const batch = criteria && stringMatcher(criteria, 'BatchId');
      const date = criteria && dateTimeMatcher(criteria, 'Date');
      const modified = criteria && dateTimeMatcher(criteria, 'ModifiedDate');
      // Unposted entries (GL10000) are Work; the emulator keeps no Open / History entries to list.
      return glTransactionsResource
        .table(ctxOf(t, call, company))
        .values()
        .map(glTransactionToWire)
        .filter((w) => (!state || state('Work')) && (!batch || batch(String(w.BatchId))) && (!date || date(day(w.TransactionDate))) && (!modified || modified(day(w.ModifiedDate))))
        .map(writeGlSummary);
    },
  };
}
