/**
 * Named, pure transforms a field mapping applies to a value, and the registry flows are checked against. The
 * engine owns the vendor-neutral ones (text, numbers, dates, booleans, value maps, document settlement); each
 * connector module adds the ones it owns (GP: `gpCreditLimit`, `gpDate`), merged here at boot. A name is owned
 * once: two owners of one name are a boot error.
 */
import { z } from 'zod';

export type TransformFn = (value: unknown, arg: unknown) => unknown;

export interface TransformDefinition {
  fn: TransformFn;
  /** The argument's schema; absent = the transform takes none. */
  arg?: z.ZodType;
}

export type TransformDefinitions = Readonly<Record<string, TransformDefinition>>;

export interface TransformRegistry {
  get(name: string): TransformDefinition | undefined;
  /** Every name, in registration order. */
  names(): string[];
}

export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

export function toNumber(v: unknown): unknown {
  if (isBlank(v)) return null;
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  if (!Number.isFinite(n)) throw new TypeError(`"${String(v)}" is not a number`);
  return n;
}

/** The date part (YYYY-MM-DD) of a date or date-time text; blank → null. */
export function toDate(v: unknown): unknown {
  if (isBlank(v)) return null;
  const s = String(v);
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(s);
  if (!m) throw new TypeError(`"${s}" is not a date`);
  return m[1];
}

function toDateTime(v: unknown): unknown {
  if (isBlank(v)) return null;
  const t = v instanceof Date ? v.getTime() : Date.parse(String(v));
  if (Number.isNaN(t)) throw new TypeError(`"${String(v)}" is not a date-time`);
  return new Date(t).toISOString();
}

function toBoolean(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  const s = String(v).trim().toLowerCase();
  if (['1', 'true', 'yes', 'y'].includes(s)) return true;
  if (['0', 'false', 'no', 'n', ''].includes(s)) return false;
  throw new TypeError(`"${String(v)}" is not a boolean`);
}

/** Phones as digits: 10 for the number, the rest an extension — "(555) 010-0100 x12" (GP stores digits only). */
function formatPhone(v: unknown): unknown {
  if (isBlank(v)) return null;
  const digits = String(v).replace(/\D/g, '');
  if (digits.length === 0) return null;
  const number = digits.slice(0, 10);
  const ext = digits.slice(10).replace(/^0+$/, '');
  const base = number.length === 10 ? `(${number.slice(0, 3)}) ${number.slice(3, 6)}-${number.slice(6)}` : number;
  return ext ? `${base} x${ext}` : base;
}

function amount(v: unknown, what: string): number {
  const n = typeof v === 'number' ? v : Number(String(v ?? '').trim());
  if (isBlank(v) || !Number.isFinite(n)) throw new TypeError(`${what} "${String(v)}" is not a number`);
  return n;
}

function pair(v: unknown, name: string): [unknown, unknown] {
  if (!Array.isArray(v) || v.length !== 2) throw new TypeError(`${name} needs two source fields`);
  return [v[0], v[1]];
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The engine's own transforms: vendor-neutral. */
export const CORE_TRANSFORMS: TransformDefinitions = {
  trim: { fn: (v) => (typeof v === 'string' ? v.trim() : v) },
  upper: { fn: (v) => (typeof v === 'string' ? v.toUpperCase() : v) },
  lower: { fn: (v) => (typeof v === 'string' ? v.toLowerCase() : v) },
  nullIfBlank: { fn: (v) => (isBlank(v) ? null : v) },
  number: { fn: toNumber },
  boolean: { fn: toBoolean },
  date: { fn: toDate },
  datetime: { fn: toDateTime },
  phone: { fn: formatPhone },
  string: { fn: (v) => (v === null || v === undefined ? null : String(v)) },
  truncate: {
    arg: z.number().int().positive(),
    fn: (v, n) => (typeof v === 'string' && v.length > (n as number) ? v.slice(0, n as number) : v),
  },
  default: { arg: z.union([z.string(), z.number(), z.boolean()]), fn: (v, d) => (isBlank(v) ? d : v) },
  /** Value map, e.g. status codes → labels. Unmapped values are a validation error. */
  map: {
    arg: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    fn: (v, table) => {
      const t = table as Record<string, unknown>;
      const k = String(v ?? '');
      if (!(k in t)) throw new TypeError(`no mapping for value "${k}"`);
      return t[k];
    },
  },
  /** Lines joined with newlines, blanks dropped (e.g. three address lines → one street field). */
  joinLines: {
    fn: (v) => {
      const parts = (Array.isArray(v) ? v : [v]).map((x) => (x === null || x === undefined ? '' : String(x).trim())).filter(Boolean);
      return parts.length ? parts.join('\n') : null;
    },
  },
  /** The time of mapping (a "last synced" stamp). Use with excludeFromHash, or every run would be a change. */
  now: { fn: () => new Date().toISOString() },
  round: { arg: z.number().int().min(0).max(10), fn: (v, d) => (typeof v === 'number' ? Number(v.toFixed(d as number)) : v) },
  /** The first value that is not blank (an Account's phone, else its first Contact's), or null. */
  coalesce: { fn: (v) => (Array.isArray(v) ? v : [v]).find((x) => !isBlank(x)) ?? null },
  /** `prefix` + value, e.g. "BC:Invoice:" + the invoice number (an upsert key `<system>:<type>:<number>`). */
  prefix: { arg: z.string().min(1), fn: (v, p) => (isBlank(v) ? v : `${String(p)}${String(v).trim()}`) },
  /** [a, b] → a − b, rounded to cents (total − remaining = paid). */
  difference: {
    fn: (v) => {
      const [a, b] = pair(v, 'difference');
      return round2(amount(a, 'difference: first value') - amount(b, 'difference: second value'));
    },
  },
  /** [total, remaining] → arg.paid when nothing remains, arg.partial when part remains, else arg.open. */
  settlement: {
    arg: z.object({ paid: z.string(), partial: z.string(), open: z.string() }),
    fn: (v, labels) => {
      const l = labels as { paid: string; partial: string; open: string };
      const [t, r] = pair(v, 'settlement');
      const total = amount(t, 'settlement: total');
      const remaining = amount(r, 'settlement: remaining');
      if (remaining <= 0.005) return l.paid;
      return remaining < total - 0.005 ? l.partial : l.open;
    },
  },
  /** arg.present when the value is set, arg.blank when it is not (a payment applied to an invoice or not). */
  presence: {
    arg: z.object({ present: z.string(), blank: z.string() }),
    fn: (v, labels) => (isBlank(v) ? (labels as { blank: string }).blank : (labels as { present: string }).present),
  },
};

/** The engine's transforms plus every module's, each name owned once. Throws naming both owners of a clash. */
export function createTransformRegistry(sets: ReadonlyArray<{ owner: string; transforms: TransformDefinitions }> = []): TransformRegistry {
  const byName = new Map<string, TransformDefinition>(Object.entries(CORE_TRANSFORMS));
  const owners = new Map<string, string>([...byName.keys()].map((name) => [name, 'engine']));
  for (const { owner, transforms } of sets) {
    for (const [name, def] of Object.entries(transforms)) {
      const taken = owners.get(name);
      if (taken) throw new Error(`transform "${name}" of ${owner} is already defined by ${taken}`);
      byName.set(name, def);
      owners.set(name, owner);
    }
  }
  return { get: (name) => byName.get(name), names: () => [...byName.keys()] };
}
