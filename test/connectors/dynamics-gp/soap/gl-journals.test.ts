/**
 * GL journal entries behind one writer, two transports: the same recognized-revenue order written through the
 * `glTransactions` writer over SBA (`Financials/GLTransactions`) and over SOAP (`entityTransports.glTransactions =
 * 'soap'`: GetGLTransactionList + GetGLTransactionByKey, CreateGLTransaction) gives the same GP Work entry; an
 * unbalanced journal is refused before anything is sent over SOAP; a retry after a lost CreateGLTransaction
 * response finds the entry; the envelopes validate against the WSDL fixture; both transports stay polite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GpSandbox } from '../../../../service/sandbox/dynamics-gp/index.ts';
import { createReceivablesAdmin } from '../../../../service/sandbox/dynamics-gp/receivables-admin.ts';
import type { GpConnectionConfigInput } from '../../../../service/src/connectors/dynamics-gp/config.ts';
import { parseGpConnectionConfig } from '../../../../service/src/connectors/dynamics-gp/config.ts';
import { createGlTransactionsTarget } from '../../../../service/src/connectors/dynamics-gp/writers/gl-journal-writer.ts';
import { createGpClients, type GpClients } from '../../../../service/src/connectors/dynamics-gp/gp-clients.ts';
import { readEnvelope } from '../../../../service/src/connectors/dynamics-gp/soap/envelope.ts';
import { glTransactionToXml } from '../../../../service/src/connectors/dynamics-gp/soap/gl-transaction-codec.ts';
import { el } from '../../../../service/src/connectors/dynamics-gp/soap/xml.ts';
import type { WriteItem, WriteResult } from '../../../../service/src/engine/types.ts';
import { silentLogger } from '../../../../service/src/lib/logger.ts';
import { gpConfig, startGp, RecordingClient, type Sent } from './helpers.ts';
import { loadContract } from '../../../helpers/gp-wsdl-validator.ts';

const contract = loadContract(new URL('../../../fixtures/dynamics-gp/gp-2010-01-customer-slice.wsdl', import.meta.url).pathname);
const OPTIONS = { batchId: 'SFREVENUE', debitAccount: '000-1200-00', revenueAccount: '000-4100-00', costCenterSegment: 1 };


const order = (key: string, date: string, total: number, lines: Array<{ Amount: number; CostCenter?: string }>): WriteItem => ({
  sourceId: `801${key}`,
  key,
  fields: { TransactionDate: date, ReceivableAmount: total, Description: `SF <Order> & "${key}"`, Lines: lines },
});
const LINES = [{ Amount: 100, CostCenter: '200' }, { Amount: 150, CostCenter: '200' }, { Amount: 50 }];

const ok = (r: WriteResult | undefined) => {
  if (!r?.ok) throw new Error(`write failed: ${r && !r.ok ? r.error.message : 'no result'}`);
  return r;
};
/** Two connections, two limiters: wait the GP spacing before switching callers. */
const handOver = () => new Promise((r) => setTimeout(r, 150));

describe('GL journals over SBA and over SOAP, one writer', () => {
  let gp: GpSandbox;
  let sba: GpClients;
  let soap: GpClients;
  const sent: Sent[] = [];
  const clients = (overrides: Partial<GpConnectionConfigInput>) =>
    createGpClients(parseGpConnectionConfig(gpConfig(gp, overrides)), { logger: silentLogger(), dispatcherFactory: (origin, o) => new RecordingClient(origin, o, sent) });
  const writer = (c: GpClients) => createGlTransactionsTarget(c.sba(), c.config, OPTIONS, c.glJournals());
  const entries = () => createReceivablesAdmin(gp.company(), gp.clock).glTransactions();
  const entry = (reference: string) => {
    const found = entries().filter((e) => String(e.Reference).trim() === reference);
    expect(found).toHaveLength(1);
    const e = found[0]!;
    const lines = (e.Lines as Array<Record<string, unknown>>).map((l) => [String(l.AccountNumber).trim(), l.DebitAmount, l.CreditAmount, String(l.Description).trim()]);
    return { BatchId: String(e.BatchId).trim(), TransactionDate: e.TransactionDate, lines };
  };

  beforeAll(async () => {
    gp = await startGp({ limits: { spacingToleranceMs: 50 } });
    sba = clients({});
    soap = clients({ entityTransports: { glTransactions: 'soap' } });
  });
  afterAll(async () => {
    await Promise.all([sba?.close(), soap?.close()]);
    await gp?.stop();
  });

  it('the same order gives the same GP GL transaction over SBA and over SOAP', async () => {
    expect(soap.transportFor('glTransactions')).toBe('soap');
    const today = gp.clock.localDate();
    const [viaSba] = await writer(sba).write([order('00000701', today, 300, LINES)]);
    await handOver();
    const [viaSoap] = await writer(soap).write([order('00000702', today, 300, LINES)]);
    expect(ok(viaSba)).toMatchObject({ created: true });
    expect(ok(viaSoap)).toMatchObject({ created: true });
    const a = entry('00000701');
    expect(a.lines).toEqual([
      ['000-1200-00', 300, 0, 'SF <Order> & "00000701"'],
      ['200-4100-00', 0, 250, 'SF <Order> & "00000701"'],
      ['000-4100-00', 0, 50, 'SF <Order> & "00000701"'],
    ]);
    const b = entry('00000702');
    expect({ ...b, lines: b.lines.map((l) => l.slice(0, 3)) }).toEqual({ ...a, lines: a.lines.map((l) => l.slice(0, 3)) });
    expect(b.lines[0]![3]).toBe('SF <Order> & "00000702"');
    // Delivered again over SOAP: found by Reference, nothing created; a different journal is refused.
    const [again] = await writer(soap).write([order('00000702', today, 300, LINES)]);
    expect(ok(again)).toMatchObject({ created: false, targetId: String(viaSoap!.ok && viaSoap!.targetId) });
    const [changed] = await writer(soap).write([order('00000702', today, 400, [{ Amount: 400 }])]);
    expect(changed).toMatchObject({ ok: false, error: { code: 'GP_JOURNAL_EXISTS', refusal: true } });
    expect(entries().filter((e) => String(e.Reference).trim() === '00000702')).toHaveLength(1);
  });

  it('refuses an unbalanced journal before anything is sent over SOAP', async () => {
    const before = sent.length;
    const [unbalanced] = await writer(soap).write([order('00000703', gp.clock.localDate(), 300, [{ Amount: 100 }, { Amount: 150 }])]);
    expect(unbalanced).toMatchObject({ ok: false, error: { category: 'validation', code: 'GP_JOURNAL_UNBALANCED' } });
    expect(sent.slice(before)).toEqual([]);
    expect(entries().filter((e) => String(e.Reference).trim() === '00000703')).toHaveLength(0);
  });

  it('a retry after a lost CreateGLTransaction response finds the journal: still exactly one', async () => {
    gp.injectFault({ kind: 'lose-response', method: 'POST', pathIncludes: '/IGeneralLedger/CreateGLTransaction' });
    const [lost] = await writer(soap).write([order('00000704', gp.clock.localDate(), 300, LINES)]);
    expect(lost).toMatchObject({ ok: false, error: { category: 'transient' } });
    expect(entry('00000704').lines).toHaveLength(3); // GP did create it
    const [retry] = await writer(soap).write([order('00000704', gp.clock.localDate(), 300, LINES)]);
    expect(ok(retry)).toMatchObject({ created: false });
    expect(entries().filter((e) => String(e.Reference).trim() === '00000704')).toHaveLength(1);
  });

  it('the emulator CreateGLTransaction keeps the resource rules (944) and requires the policy', async () => {
    const unbalanced = el('glTransaction', glTransactionToXml({ BatchId: 'SOAP', Reference: 'R944', TransactionDate: gp.clock.localDate(), Lines: [{ AccountNumber: '000-1200-00', DebitAmount: 10, CreditAmount: 0 }, { AccountNumber: '000-4100-00', DebitAmount: 0, CreditAmount: 9 }] }));
    expect(await soap.soap().invoke('CreateGLTransaction', [unbalanced], { policy: true }).catch((e: unknown) => e)).toMatchObject({ category: 'validation', code: 'eConnect 944' });
    expect(await soap.soap().invoke('CreateGLTransaction', [unbalanced]).catch((e: unknown) => e)).toMatchObject({ category: 'validation', code: 'PolicyRequired' });
    expect(entries().filter((e) => String(e.Reference).trim() === 'R944')).toHaveLength(0);
  });

  it('every SOAP envelope sent validates against the WSDL fixture, with the binding SOAPAction', () => {
    const ops = new Set<string>();
    for (const s of sent) {
      const read = readEnvelope(s.body);
      if (read.kind !== 'body') throw new Error('fault in a request');
      ops.add(read.element.local);
      expect(s.action).toBe(`"${contract.actions.get(read.element.local)}"`);
      expect({ op: read.element.local, problems: contract.validate(read.element) }).toEqual({ op: read.element.local, problems: [] });
    }
    expect([...ops].sort()).toEqual(['CreateGLTransaction', 'GetCompanyList', 'GetGLTransactionByKey', 'GetGLTransactionList', 'GetPolicyByOperation']);
  });

  it('kept both transports polite: no concurrency or spacing violations', () => {
    const { politeness, ntlm } = gp.counters();
    expect(politeness.requests).toBeGreaterThan(10);
    expect(politeness.concurrencyViolations).toBe(0);
    expect(politeness.spacingViolations).toBe(0);
    expect(ntlm.authenticateRejected).toBe(0);
  });
});
