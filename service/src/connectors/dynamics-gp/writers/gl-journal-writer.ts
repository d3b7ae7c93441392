/**
 * The GP connection's `glTransactions` target: unposted GL journal entries (GL10000/GL10001, Work — eConnect never
 * posts, GP-DOMAIN §3) for Salesforce orders whose revenue is recognized (seed 000). Per item (key = the Salesforce
 * order number, written as the entry's Reference):
 * 1. build and balance-check the entry (gl-journal.ts; unbalanced → parked, GP 944 style, nothing written);
 * 2. the fiscal period of TransactionDate must be open for Financial (fiscal-calendar.ts; GP 596/7117) and every
 *    account must exist and be active (gl-accounts.ts) — both read once per run;
 * 3. idempotent on the order: an entry with this Reference already in GP is the one a previous (maybe crashed)
 *    run created — the same lines → success, not created again; different lines → refused (the connector never
 *    changes a journal; adjust it in GP);
 * 4. create it (JRNENTRY assigned by GP).
 */
import { z } from 'zod';
import type { WriteResult, Writer } from '../../../engine/types.ts';
import { ConfigError, ConnectorError, toConnectorError } from '../../../lib/errors.ts';
import type { GpClient } from '../client.ts';
import type { GpConnectionConfig } from '../config.ts';
import { createGpDocumentsClient } from '../documents-client.ts';
import { createFiscalCalendarGuard } from './fiscal-calendar.ts';
import { createGlAccountGuard } from './gl-accounts.ts';
import { buildJournal, sameJournal } from './gl-journal.ts';
import type { GlJournalTransport } from './gl-journal-transport.ts';
import { createGpReceivablesClient } from '../receivables-client.ts';

export const GL_TRANSACTIONS_ENTITY = 'glTransactions';

const accountRe = /^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/;
const optionsSchema = z
  .object({
    batchId: z.string().regex(/^[A-Za-z0-9 _-]{1,15}$/, 'must be 1–15 letters, digits, spaces, _ or - (BACHNUMB)').default('SFREVENUE'),
    debitAccount: z.string().max(75).regex(accountRe, 'must be a GP account string such as 000-1200-00').default('000-1200-00'),
    revenueAccount: z.string().max(75).regex(accountRe, 'must be a GP account string such as 000-4100-00').default('000-4100-00'),
    costCenterSegment: z.number().int().min(1).max(10).default(1),
    maxBatchSize: z.number().int().min(1).max(100).default(25),
  })
  .strict();

/** `journals`: the look-up/create calls on the transport chosen for `glTransactions` (default: SBA through `client`). */
export function createGlTransactionsTarget(client: Pick<GpClient, 'send'>, cfg: GpConnectionConfig, options: Record<string, unknown>, journals?: GlJournalTransport): Writer {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `flow target options.${i.path.join('.')}: ${i.message}`));
  const opts = parsed.data;
  const rm: GlJournalTransport = journals ?? createGpReceivablesClient(client, cfg.facts);
  const docs = createGpDocumentsClient(client, cfg.facts);
  const periods = createFiscalCalendarGuard(docs, { series: 'financial', company: cfg.company });
  const accounts = createGlAccountGuard(docs, { company: cfg.company });

  return {
    maxBatchSize: opts.maxBatchSize,
    async write(items, writeOpts = {}) {
      const signal = writeOpts.signal;
      const built = items.map((item) => {
        try {
          if (item.key.length > 30) throw new ConnectorError('validation', `order number "${item.key}" is longer than the 30 characters of a GP journal Reference (REFRENCE)`, { code: 'GP_JOURNAL_INVALID', fields: ['Reference'] });
          return { ok: true as const, journal: buildJournal(item.key, item.fields, opts) };
        } catch (err) {
          return { ok: false as const, error: toConnectorError(err) };
        }
      });
      const journals = built.flatMap((b) => (b.ok ? [b.journal] : []));
      if (journals.length > 0) {
        await periods.prepare(journals.map((j) => j.TransactionDate), signal);
        await accounts.prepare(journals.flatMap((j) => j.Lines.map((l) => l.AccountNumber)), signal);
      }
      const results: WriteResult[] = [];
      for (const b of built) {
        if (!b.ok) {
          results.push({ ok: false, error: b.error });
          continue;
        }
        const j = b.journal;
        const problem = periods.problem(j.TransactionDate) ?? accounts.problem(j.Lines.map((l, i) => ({ account: l.AccountNumber, usedBy: i === 0 ? 'debitAccount' : 'revenueAccount' })));
        if (problem) {
          results.push({ ok: false, error: problem });
          continue;
        }
        try {
          const found = await rm.findGlTransactions(j.Reference, signal);
          const existing = found.rows[0];
          if (existing) {
            results.push(
              sameJournal(existing, j)
                ? { ok: true, targetId: String(existing.JournalEntry), created: false, requestId: found.requestId }
                : {
                    ok: false,
                    error: new ConnectorError('conflict', `GP journal entry ${existing.JournalEntry} (Reference ${j.Reference}) already exists with other lines; the connector does not change journal entries — adjust it in GP`, {
                      code: 'GP_JOURNAL_EXISTS',
                      refusal: true,
                      requestId: found.requestId,
                    }),
                  },
            );
            continue;
          }
          const created = await rm.createGlTransaction(j, signal);
          results.push({ ok: true, targetId: String(created.transaction.JournalEntry), created: true, requestId: created.requestId });
        } catch (err) {
          const e = toConnectorError(err);
          if (e.category === 'auth') throw e;
          results.push({ ok: false, error: e });
        }
      }
      return results;
    },
  };
}
