/**
 * A GP user at work, for `npm start` and demos (sandbox-only): picks up every new Work sales order the integration
 * entered, and after configurable delays — measured on the emulator's clock, so tests advance the clock and call
 * `tick()` instead of sleeping — transfers it to an invoice, posts the invoice, then enters, posts and applies a
 * partial payment and later one for the rest. Every step goes through the documents admin (documents-admin.ts), i.e.
 * the same rules as the HTTP admin routes: a posting refused because the Sales period is closed is reported as an
 * event and tried again on a later tick. `start(intervalMs)` runs `tick()` on a real timer; `stop()` ends it.
 */
import type { GpDocumentsAdmin } from './documents-admin.ts';
import type { GpClock } from './gp-clock.ts';

type Wire = Record<string, unknown>;

export interface GpUserAtWorkDelays {
  /** From first seeing the order to transferring it (default 60 s). */
  transferMs: number;
  /** From the transfer to posting the invoice (default 60 s). */
  postMs: number;
  /** From posting to the partial payment (default 120 s). */
  partialPaymentMs: number;
  /** From the partial payment to the payment of the rest (default 120 s). */
  fullPaymentMs: number;
}

export interface GpUserAtWorkOptions {
  documents: GpDocumentsAdmin;
  clock: GpClock;
  company?: string;
  /** The GP user this helper plays (default `sa`): orders it entered itself are not picked up. */
  user?: string;
  /** Which Work orders to handle (default: type 2, status New, entered by another user than `user`). */
  selectOrder?: (order: Wire) => boolean;
  delays?: Partial<GpUserAtWorkDelays>;
  /** Share of the invoice the first payment covers (default 0.5); 0 skips the partial payment. */
  partialShare?: number;
  /** The most events kept for `events()` (default 500). */
  maxEvents?: number;
  onEvent?: (event: GpUserEvent) => void;
}

export type GpUserStep = 'transfer' | 'post' | 'partial-payment' | 'full-payment';

export interface GpUserEvent {
  /** Emulator time (ISO, UTC). */
  at: string;
  step: GpUserStep;
  ok: boolean;
  order: string;
  invoice?: string;
  payment?: string;
  amount?: number;
  /** Why the step failed (it is tried again on a later tick). */
  reason?: string;
}

export interface GpUserAtWork {
  /** Does every step that is due now; returns the events of this tick. */
  tick(): GpUserEvent[];
  start(intervalMs?: number): void;
  stop(): void;
  events(): GpUserEvent[];
}

interface Tracked {
  order: string;
  /** Emulator time of the last completed step (or of discovery). */
  since: number;
  next: GpUserStep | 'done';
  invoice?: string;
}

const DEFAULT_DELAYS: GpUserAtWorkDelays = { transferMs: 60_000, postMs: 60_000, partialPaymentMs: 120_000, fullPaymentMs: 120_000 };
const DEFAULT_TICK_MS = 5_000;
const trim = (v: unknown) => String(v ?? '').trim();

export function createGpUserAtWork(opts: GpUserAtWorkOptions): GpUserAtWork {
  const delays = { ...DEFAULT_DELAYS, ...opts.delays };
  const user = (opts.user ?? 'sa').toUpperCase();
  const share = opts.partialShare ?? 0.5;
  const maxEvents = opts.maxEvents ?? 500;
  const select =
    opts.selectOrder ?? ((o: Wire) => o.SopType === 2 && o.TransactionState === 'Work' && o.DocumentStatus === 'New' && trim(o.EnteredBy).toUpperCase() !== user);
  const tracked = new Map<string, Tracked>();
  const log: GpUserEvent[] = [];
  let timer: NodeJS.Timeout | undefined;
  const { documents, clock, company } = opts;

  const waitFor: Record<GpUserStep, number> = { transfer: delays.transferMs, post: delays.postMs, 'partial-payment': delays.partialPaymentMs, 'full-payment': delays.fullPaymentMs };

  function record(out: GpUserEvent[], event: Omit<GpUserEvent, 'at'>): void {
    const e = { at: new Date(clock.now()).toISOString(), ...event };
    out.push(e);
    log.push(e);
    if (log.length > maxEvents) log.splice(0, log.length - maxEvents);
    opts.onEvent?.(e);
  }

  function openAmount(invoice: string): number {
    return Number(documents.getPostedReceivable(1, invoice, company)?.CurrentAmount ?? 0);
  }

  function pay(t: Tracked, amount: number): string {
    const customerId = trim(documents.getSalesDocument(3, t.invoice!, company)?.CustomerId);
    const { receipt } = documents.receivePayment({ customerId, amount, applyTo: [{ documentNumber: t.invoice!, amount }] }, company);
    return trim(receipt.DocumentNumber);
  }

  /** Does the next step of one order; returns the step done, or undefined when it failed. */
  function step(t: Tracked, out: GpUserEvent[]): GpUserStep | undefined {
    const s = t.next as GpUserStep;
    try {
      if (s === 'transfer') {
        const order = documents.getSalesDocument(2, t.order, company);
        if (order?.TransactionState !== 'Work' || order.DocumentStatus !== 'New') {
          // Deleted, or transferred by someone else in the meantime: nothing left for this helper to do.
          t.next = 'done';
          record(out, { step: s, ok: false, order: t.order, reason: `order ${t.order} is no longer a new Work order; left alone` });
          return undefined;
        }
        t.invoice = trim(documents.transferSalesOrder(t.order, { user }, company).invoice.SopNumber);
        record(out, { step: s, ok: true, order: t.order, invoice: t.invoice });
        t.next = 'post';
      } else if (s === 'post') {
        documents.postSalesDocument(3, t.invoice!, company);
        record(out, { step: s, ok: true, order: t.order, invoice: t.invoice, amount: openAmount(t.invoice!) });
        t.next = share > 0 && share < 1 ? 'partial-payment' : 'full-payment';
      } else if (s === 'partial-payment') {
        const open = openAmount(t.invoice!);
        const amount = Math.round(open * share * 100) / 100;
        if (amount > 0 && amount < open) record(out, { step: s, ok: true, order: t.order, invoice: t.invoice, payment: pay(t, amount), amount });
        t.next = 'full-payment';
      } else {
        const amount = openAmount(t.invoice!);
        if (amount > 0) record(out, { step: s, ok: true, order: t.order, invoice: t.invoice, payment: pay(t, amount), amount });
        t.next = 'done';
      }
      t.since = clock.now();
      return s;
    } catch (err) {
      record(out, { step: s, ok: false, order: t.order, invoice: t.invoice, reason: err instanceof Error ? err.message : String(err) });
      return undefined;
    }
  }

  function tick(): GpUserEvent[] {
    const out: GpUserEvent[] = [];
    const now = clock.now();
    for (const o of documents.listSalesDocuments(company)) {
      const number = trim(o.SopNumber);
      if (o.SopType === 2 && !tracked.has(number) && select(o)) tracked.set(number, { order: number, since: now, next: 'transfer' });
    }
    for (const t of tracked.values()) {
      while (t.next !== 'done' && clock.now() - t.since >= waitFor[t.next]) {
        if (step(t, out) === undefined) break;
      }
    }
    return out;
  }

  return {
    tick,
    start(intervalMs = DEFAULT_TICK_MS) {
      if (timer) return;
      timer = setInterval(() => {
        try {
          tick();
        } catch {
          // A tick that cannot even list documents (company gone) is retried on the next one.
        }
      }, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
    events: () => [...log],
  };
}
