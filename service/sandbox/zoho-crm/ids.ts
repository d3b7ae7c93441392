/**
 * Zoho record, user, module and field ids are 18–19 digit numeric strings (FACTS §5.1 #12 [V]) that share an
 * org-specific prefix (`5725767000000524157`). Each org gets a 7-digit prefix and a 12-digit counter.
 */
export interface IdGenerator {
  next(): string;
}

const COUNTER_DIGITS = 12;
const FIRST_COUNTER = 200_000;

export function createIdGenerator(prefix: string): IdGenerator {
  if (!/^[1-9]\d{6}$/.test(prefix)) throw new RangeError(`id prefix must be 7 digits not starting with 0, got ${prefix}`);
  let counter = FIRST_COUNTER;
  return {
    next() {
      counter += 1;
      return `${prefix}${String(counter).padStart(COUNTER_DIGITS, '0')}`;
    },
  };
}

export const ID_PATTERN = /^\d{18,19}$/;

export function isZohoId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}
