/**
 * More vendor-neutral transforms, mostly for documents and their settlement (invoices, payments): the first
 * non-blank of several fields, a key prefix, a difference of two amounts, a settlement status from
 * [total, remaining], a label for blank / present.
 */
import { z } from 'zod';

type Value = unknown;

function isBlank(v: Value): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

function amount(v: Value, what: string): number {
  const n = typeof v === 'number' ? v : Number(String(v ?? '').trim());
  if (isBlank(v) || !Number.isFinite(n)) throw new TypeError(`${what} "${String(v)}" is not a number`);
  return n;
}

function pair(v: Value, name: string): [Value, Value] {
  if (!Array.isArray(v) || v.length !== 2) throw new TypeError(`${name} needs two source fields`);
  return [v[0], v[1]];
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

export const EXTRA_TRANSFORMS = {
  /** The first value that is not blank (an Account's phone, else its first Contact's), or null. */
  coalesce: { fn: (v: Value) => (Array.isArray(v) ? v : [v]).find((x) => !isBlank(x)) ?? null },
  /** `prefix` + value, e.g. "BC:Invoice:" + the invoice number (an upsert key `<system>:<type>:<number>`). */
  prefix: { arg: z.string().min(1), fn: (v: Value, p: unknown) => (isBlank(v) ? v : `${String(p)}${String(v).trim()}`) },
  /** [a, b] → a − b, rounded to cents (total − remaining = paid). */
  difference: {
    fn: (v: Value) => {
      const [a, b] = pair(v, 'difference');
      return round2(amount(a, 'difference: first value') - amount(b, 'difference: second value'));
    },
  },
  /** [total, remaining] → arg.paid when nothing remains, arg.partial when part remains, else arg.open. */
  settlement: {
    arg: z.object({ paid: z.string(), partial: z.string(), open: z.string() }),
    fn: (v: Value, labels: unknown) => {
      const l = labels as { paid: string; partial: string; open: string };
      const [t, r] = pair(v, 'settlement');
      const total = amount(t, 'settlement: total');
      const remaining = amount(r, 'settlement: remaining');
      if (remaining <= 0.005) return l.paid;
      return remaining < total - 0.005 ? l.partial : l.open;
    },
  },
  /** arg.present when the value is set, arg.blank when it is not (a payment applied to an invoice or not). */
  presence: { arg: z.object({ present: z.string(), blank: z.string() }), fn: (v: Value, labels: unknown) => (isBlank(v) ? (labels as { blank: string }).blank : (labels as { present: string }).present) },
};
