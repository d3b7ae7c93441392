/**
 * The contract's `GLTransaction` (WSDL 2010/01 [V]: GLTransaction → BusinessObject, lines GLTransactionLine) ↔ the
 * flat form of the SBA `Financials/GLTransactions` resource. Contract facts used: the entry's number and date are
 * its key, `Key` = GLTransactionKey{Date, JournalId} (the type has no TransactionDate member); `BatchKey{Id}`,
 * `SourceDocumentKey{Id}`, line `GLAccountKey` (GLAccountNumberKey{Id}) and line `Key` =
 * GLTransactionLineKey{SequenceNumber, TransactionKey}; line amounts are declared `Amount` (Common, no members),
 * so they travel with `i:type="MoneyAmount"`; `TransactionState` is Work | Open | History.
 */
import type { ContractObject } from './contract-reader.ts';
import { typed, type WireObject } from './contract-writer.ts';
import { invalidMessage, validationFailed } from './soap-fault.ts';

type Flat = Record<string, unknown>;

export const GL_TRANSACTION_READ_MEMBERS = ['BatchKey', 'Key', 'Lines', 'Reference', 'SourceDocumentKey', 'ModifiedDate', 'TransactionState'];
const LINE_MEMBERS = ['CreditAmount', 'DebitAmount', 'Description', 'GLAccountKey', 'Key'];

const trim = (v: unknown) => String(v ?? '').trim();
const keyId = (o: ContractObject, name: string) => {
  const k = o.object(name, ['Id']);
  return k === undefined ? undefined : (k.text('Id') ?? '').trim();
};

function midnight(o: ContractObject, name: string): string | undefined {
  const v = o.dateTime(name);
  if (v !== undefined && !v.endsWith('T00:00:00.000')) throw invalidMessage(`${o.path}.${name} must be a date at midnight without a zone (2026-03-10T00:00:00), got "${o.text(name)}"`);
  return v?.slice(0, 10);
}

function lineAmount(line: ContractObject, name: string): number | undefined {
  if (!line.has(name)) return undefined;
  const type = line.typeOf(name);
  if (type !== 'c:MoneyAmount') throw invalidMessage(`${line.path}.${name} is declared Amount: send it with i:type="MoneyAmount" (Common namespace)`);
  const value = line.object(name, ['Currency', 'DecimalDigits', 'Value'])!.decimal('Value');
  if (value === undefined) throw invalidMessage(`${line.path}.${name} needs a Value`);
  return value;
}

/** Journal number and date from a `GLTransactionKey`. */
export function readGlTransactionKey(key: ContractObject): { JournalEntry?: number; TransactionDate?: string } {
  const out: { JournalEntry?: number; TransactionDate?: string } = {};
  const date = midnight(key, 'Date');
  if (date !== undefined) out.TransactionDate = date;
  const id = key.int('JournalId');
  if (id !== undefined) out.JournalEntry = id;
  return out;
}

/** The create payload of a `glTransaction` parameter. */
export function readGlTransaction(entry: ContractObject): Flat {
  for (const m of ['ModifiedDate', 'TransactionState']) if (entry.has(m)) throw validationFailed(`GLTransaction.${m} is set by GP and cannot be sent`);
  const out: Flat = {};
  const set = (prop: string, v: unknown) => v !== undefined && (out[prop] = v);
  set('BatchId', keyId(entry, 'BatchKey'));
  const key = entry.object('Key', ['Date', 'JournalId']);
  if (key) Object.assign(out, readGlTransactionKey(key));
  set('Reference', entry.text('Reference'));
  set('SourceDocument', keyId(entry, 'SourceDocumentKey'));
  if (entry.has('Lines')) {
    out.Lines = entry.list('Lines', LINE_MEMBERS).map((line) => {
      if (line.has('Key')) throw validationFailed(`${line.path}.Key is set by GP and cannot be sent`);
      const l: Flat = {};
      const put = (prop: string, v: unknown) => v !== undefined && (l[prop] = v);
      put('AccountNumber', keyId(line, 'GLAccountKey'));
      put('DebitAmount', lineAmount(line, 'DebitAmount'));
      put('CreditAmount', lineAmount(line, 'CreditAmount'));
      put('Description', line.text('Description'));
      return l;
    });
  }
  return out;
}

export interface GlDetail {
  currencyIso: string;
  decimals: number;
}

const amount = (v: unknown, d: GlDetail) => typed('c:MoneyAmount', { Currency: d.currencyIso, DecimalDigits: d.decimals, Value: Number(v ?? 0) });
const keyOf = (wire: Flat) => ({ Date: `${String(wire.TransactionDate).slice(0, 10)}T00:00:00`, JournalId: Number(wire.JournalEntry) });

/** A `GLTransaction` (GetGLTransactionByKey) from the resource's flat form. */
export function writeGlTransaction(wire: Flat, d: GlDetail): WireObject {
  const batch = trim(wire.BatchId);
  const source = trim(wire.SourceDocument);
  return {
    BatchKey: batch === '' ? undefined : { Id: batch },
    Key: keyOf(wire),
    Lines: ((wire.Lines as Flat[] | undefined) ?? []).map((l) => ({
      CreditAmount: amount(l.CreditAmount, d),
      DebitAmount: amount(l.DebitAmount, d),
      Description: trim(l.Description),
      GLAccountKey: { Id: trim(l.AccountNumber) },
      Key: { SequenceNumber: Number(l.SequenceNumber) },
    })),
    ModifiedDate: `${String(wire.ModifiedDate).slice(0, 10)}T00:00:00`,
    Reference: trim(wire.Reference),
    SourceDocumentKey: source === '' ? undefined : { Id: source },
    TransactionState: String(wire.TransactionState),
  };
}

/** A `GLTransactionSummary` (GetGLTransactionList). */
export function writeGlSummary(wire: Flat): WireObject {
  const batch = trim(wire.BatchId);
  const source = trim(wire.SourceDocument);
  return {
    BatchKey: batch === '' ? undefined : { Id: batch },
    Key: keyOf(wire),
    ModifiedDate: `${String(wire.ModifiedDate).slice(0, 10)}T00:00:00`,
    Reference: trim(wire.Reference),
    SourceDocumentKey: source === '' ? undefined : { Id: source },
    TransactionState: String(wire.TransactionState),
  };
}
