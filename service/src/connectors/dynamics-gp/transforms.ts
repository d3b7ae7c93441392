/**
 * Transforms that know Dynamics GP's conventions (GP-DOMAIN §2), merged into the engine's registry at boot:
 * - `gpCreditLimit`: [CRLMTTYP, CRLMTAMT] → no credit (0) → 0, unlimited (1) → null (no limit), amount (2) → the amount;
 * - `gpDate`: a GP date (or date-time) → YYYY-MM-DD, with GP's blank date 1900-01-01 → null.
 */
import type { TransformDefinitions } from '../../engine/transforms.ts';

/** GP's "no date" (GP-DOMAIN §2): date columns are NOT NULL, so an unset date is 1900-01-01. */
export const GP_BLANK_DATE = '1900-01-01';

const isBlank = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

function gpAmount(v: unknown): number | null {
  if (isBlank(v)) return null;
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  if (!Number.isFinite(n)) throw new TypeError(`"${String(v)}" is not a number`);
  return n;
}

function gpCreditLimit(v: unknown): number | null {
  const [type, amount] = Array.isArray(v) ? v : [v, null];
  const t = Number(type);
  if (t === 0) return 0;
  if (t === 1) return null;
  if (t === 2) return gpAmount(amount);
  throw new TypeError(`credit limit type "${String(type)}" is not 0, 1 or 2`);
}

function gpDate(v: unknown): string | null {
  if (isBlank(v)) return null;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(String(v));
  if (!m) throw new TypeError(`"${String(v)}" is not a date`);
  return m[1] === GP_BLANK_DATE ? null : (m[1] as string);
}

export const GP_TRANSFORMS: TransformDefinitions = {
  gpCreditLimit: { fn: gpCreditLimit },
  gpDate: { fn: gpDate },
};
