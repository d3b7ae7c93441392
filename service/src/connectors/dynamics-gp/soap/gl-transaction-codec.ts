/**
 * A Work GL journal entry as the 2010/01 contract's `GLTransaction` DataContract (WSDL: GLTransaction →
 * BusinessObject; lines `ArrayOfGLTransactionLine` → GLTransactionLine), to and from the flat properties of the SBA
 * `Financials/GLTransactions` resource (JournalEntry, BatchId, Reference, TransactionDate, SourceDocument,
 * Lines[AccountNumber, DebitAmount, CreditAmount, Description]), so writer and emulator see one shape either way.
 * - the entry's number and date are its key: `Key` is a GLTransactionKey{Date, JournalId} (no TransactionDate
 *   member); `BatchKey{Id}`, `SourceDocumentKey{Id}`, line `GLAccountKey` (GLAccountNumberKey{Id});
 * - line amounts are declared `Amount` (Common, no members): they travel as `i:type="c:MoneyAmount"` with a
 *   `Value` (FACTS §2.2); dates are xs:dateTime at midnight without a zone.
 * Members go in contract order; reading is strict and refuses members it does not support, naming them.
 * `GLTransactionSummary` (GetGLTransactionList) is read for its Key, Reference and TransactionState only.
 */
import { GP_COMMON_NS, GP_DATA_NS } from './soap-contract.ts';
import { checkMembers, SoapDataError } from './customer-codec.ts';
import { child, childText, children, el, isNil, xsiType, type Markup, type XmlElement } from './xml.ts';

type Wire = Record<string, unknown>;

const GL_TRANSACTION_MEMBERS = [
  'AuditTrailCode', 'BatchKey', 'CurrencyKey', 'ExchangeDate', 'ExchangeRate', 'Intercompany', 'IsVoided', 'Key', 'LedgerType', 'Lines', 'ModifiedBy',
  'ModifiedDate', 'OriginatingDocument', 'PostedBy', 'Reference', 'SourceDocumentKey', 'TransactionState',
] as const;
const GL_LINE_MEMBERS = ['CreditAmount', 'DebitAmount', 'Description', 'ExchangeDate', 'ExchangeRate', 'GLAccountKey', 'IntercompanyKey', 'Key', 'OriginatingDocument', 'Tax'] as const;
const GL_SUMMARY_MEMBERS = ['BatchKey', 'CurrencyKey', 'Key', 'LedgerType', 'ModifiedDate', 'Reference', 'SourceDocumentKey', 'TransactionState'] as const;

const USED = ['BatchKey', 'Key', 'Lines', 'ModifiedDate', 'Reference', 'SourceDocumentKey', 'TransactionState'];
const USED_LINE = ['CreditAmount', 'DebitAmount', 'Description', 'GLAccountKey', 'Key'];

const g = (name: string, content: Parameters<typeof el>[1], attrs?: Record<string, string>) => el(`g:${name}`, content, attrs);
const idKey = (name: string, id: unknown) => (typeof id === 'string' && id !== '' ? g(name, g('Id', id)) : undefined);
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);
const money = (name: string, v: unknown) => (num(v) === undefined ? undefined : g(name, el('c:Value', num(v)), { 'i:type': 'c:MoneyAmount' }));
const dateTime = (v: unknown) => (typeof v === 'string' && v !== '' ? `${v.slice(0, 10)}T00:00:00` : undefined);

/** `GLTransactionKey` members: Date (the entry's TRXDATE) and JournalId (omitted until GP assigns one). */
export function glTransactionKeyXml(date: unknown, journalId: unknown): Markup[] {
  const id = typeof journalId === 'number' && journalId > 0 ? String(journalId) : undefined;
  return [g('Date', dateTime(date)), g('JournalId', id)].filter((m) => m.xml !== '');
}

/** `GLTransaction` members from the flat properties (readOnly adds what GP reports: state, modified date, line keys). */
export function glTransactionToXml(wire: Wire, opts: { readOnly?: boolean } = {}): Markup[] {
  const ro = opts.readOnly === true;
  const lines = Array.isArray(wire.Lines) ? (wire.Lines as Wire[]) : undefined;
  const members: Array<Markup | undefined> = [
    idKey('BatchKey', wire.BatchId),
    g('Key', glTransactionKeyXml(wire.TransactionDate, wire.JournalEntry)),
    lines === undefined
      ? undefined
      : g(
          'Lines',
          lines.map((l) =>
            g('GLTransactionLine', [
              money('CreditAmount', l.CreditAmount),
              money('DebitAmount', l.DebitAmount),
              g('Description', str(l.Description)),
              idKey('GLAccountKey', l.AccountNumber),
              ro && typeof l.SequenceNumber === 'number' ? g('Key', g('SequenceNumber', String(l.SequenceNumber))) : undefined,
            ]),
          ),
        ),
    ro ? g('ModifiedDate', dateTime(wire.ModifiedDate)) : undefined,
    g('Reference', str(wire.Reference)),
    idKey('SourceDocumentKey', wire.SourceDocument),
    ro ? g('TransactionState', str(wire.TransactionState)) : undefined,
  ];
  return members.filter((m): m is Markup => m !== undefined && m.xml !== '');
}

function keyId(parent: XmlElement, name: string): string | undefined {
  const k = child(parent, GP_DATA_NS, name);
  if (k === undefined || isNil(k)) return undefined;
  return (childText(k, GP_DATA_NS, 'Id') ?? '').trim();
}

function text(parent: XmlElement, name: string): string | undefined {
  const m = child(parent, GP_DATA_NS, name);
  return m === undefined || isNil(m) ? undefined : m.text;
}

function midnight(value: string, what: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T00:00:00(\.0+)?$/.test(value.trim())) throw new SoapDataError(`${what} must be a date at midnight without a zone (2026-03-10T00:00:00), got "${value}"`);
  return value.trim().slice(0, 10);
}

function amount(parent: XmlElement, name: string, what: string): number | undefined {
  const m = child(parent, GP_DATA_NS, name);
  if (m === undefined || isNil(m)) return undefined;
  const type = xsiType(m);
  if (!type || type.ns !== GP_COMMON_NS || type.local !== 'MoneyAmount') throw new SoapDataError(`${what}.${name} is declared Amount: it needs i:type MoneyAmount in ${GP_COMMON_NS}`);
  for (const c of m.children) if (c.ns !== GP_COMMON_NS || !['Currency', 'DecimalDigits', 'Value'].includes(c.local)) throw new SoapDataError(`${what}.${name}.${c.local} is not a member of MoneyAmount in ${GP_COMMON_NS}`);
  const value = childText(m, GP_COMMON_NS, 'Value')?.trim() ?? '';
  if (!/^-?\d+(\.\d+)?$/.test(value)) throw new SoapDataError(`${what}.${name}.Value must be an xs:decimal, got "${value}"`);
  return Number(value);
}

/** JournalEntry and TransactionDate from a `GLTransactionKey` element. */
export function glTransactionKeyFromXml(k: XmlElement | undefined, what: string): { JournalEntry?: number; TransactionDate?: string } {
  if (k === undefined || isNil(k)) return {};
  checkMembers(k, `${what}.Key`, ['CompanyKey', 'Date', 'JournalId'], ['Date', 'JournalId']);
  const out: { JournalEntry?: number; TransactionDate?: string } = {};
  const date = text(k, 'Date');
  if (date !== undefined) out.TransactionDate = midnight(date, `${what}.Key.Date`);
  const id = text(k, 'JournalId')?.trim();
  if (id !== undefined) {
    if (!/^\d+$/.test(id)) throw new SoapDataError(`${what}.Key.JournalId must be an xs:int, got "${id}"`);
    out.JournalEntry = Number(id);
  }
  return out;
}

/** Flat properties (SBA `Financials/GLTransactions` names) from a `GLTransaction` element: only those present. Strict. */
export function glTransactionFromXml(e: XmlElement): Wire {
  checkMembers(e, 'GLTransaction', GL_TRANSACTION_MEMBERS, USED);
  const out: Wire = {};
  const set = (k: string, v: unknown) => v !== undefined && (out[k] = v);
  set('BatchId', keyId(e, 'BatchKey'));
  Object.assign(out, glTransactionKeyFromXml(child(e, GP_DATA_NS, 'Key'), 'GLTransaction'));
  const lines = child(e, GP_DATA_NS, 'Lines');
  if (lines && !isNil(lines)) {
    for (const c of lines.children) if (c.ns !== GP_DATA_NS || c.local !== 'GLTransactionLine') throw new SoapDataError(`GLTransaction.Lines holds GLTransactionLine elements only (got {${c.ns}}${c.local})`);
    out.Lines = children(lines, GP_DATA_NS, 'GLTransactionLine').map((l, i) => {
      const what = `GLTransaction.Lines[${i}]`;
      checkMembers(l, what, GL_LINE_MEMBERS, USED_LINE);
      const line: Wire = {};
      const put = (k: string, v: unknown) => v !== undefined && (line[k] = v);
      put('AccountNumber', keyId(l, 'GLAccountKey'));
      put('DebitAmount', amount(l, 'DebitAmount', what));
      put('CreditAmount', amount(l, 'CreditAmount', what));
      put('Description', text(l, 'Description'));
      const key = child(l, GP_DATA_NS, 'Key');
      if (key && !isNil(key)) {
        checkMembers(key, `${what}.Key`, ['SequenceNumber', 'TransactionKey'], ['SequenceNumber']);
        const seq = text(key, 'SequenceNumber')?.trim();
        if (seq !== undefined) put('SequenceNumber', Number(seq));
      }
      return line;
    });
  }
  const modified = text(e, 'ModifiedDate');
  if (modified !== undefined) out.ModifiedDate = midnight(modified, 'GLTransaction.ModifiedDate');
  set('Reference', text(e, 'Reference'));
  set('SourceDocument', keyId(e, 'SourceDocumentKey'));
  set('TransactionState', text(e, 'TransactionState')?.trim());
  return out;
}

/** Key, Reference and state of a `GLTransactionSummary` (the rest of the summary is accepted and ignored). */
export function glTransactionSummaryFromXml(e: XmlElement): { JournalEntry?: number; TransactionDate?: string; Reference?: string; TransactionState?: string } {
  checkMembers(e, 'GLTransactionSummary', GL_SUMMARY_MEMBERS, GL_SUMMARY_MEMBERS);
  return {
    ...glTransactionKeyFromXml(child(e, GP_DATA_NS, 'Key'), 'GLTransactionSummary'),
    Reference: text(e, 'Reference'),
    TransactionState: text(e, 'TransactionState')?.trim(),
  };
}
