/**
 * Salesforce record ids: 15 case-sensitive base-62 characters (3-char key prefix first) plus a 3-character
 * suffix that encodes which of the 15 are upper-case, making the 18-character form case-insensitive.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID15_RE = /^[a-zA-Z0-9]{15}$/;
const ID18_RE = /^[a-zA-Z0-9]{18}$/;

export function computeIdSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let flags = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id15.charAt(chunk * 5 + i);
      if (ch >= 'A' && ch <= 'Z') flags |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(flags);
  }
  return suffix;
}

export function toId18(id15: string): string {
  return id15 + computeIdSuffix(id15);
}

/** Accepts a 15- or 18-character id and returns the 18-character form, or undefined if it is not an id. */
export function normalizeId(value: string): string | undefined {
  if (ID18_RE.test(value)) {
    const id15 = value.slice(0, 15);
    return computeIdSuffix(id15).toUpperCase() === value.slice(15).toUpperCase() ? toId18(id15) : undefined;
  }
  if (ID15_RE.test(value)) return toId18(value);
  return undefined;
}

function encodeBase62(n: number, width: number): string {
  let out = '';
  let rest = n;
  do {
    out = BASE62.charAt(rest % 62) + out;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return out.padStart(width, '0');
}

/**
 * Generates ids `<prefix><pod><serial>` like `001RO0000004GxDAAU`; serials are per key prefix so ids stay
 * short and ordered, as in a real org.
 */
export function createIdGenerator(pod = 'RO'): (keyPrefix: string) => string {
  const serials = new Map<string, number>();
  return (keyPrefix) => {
    const next = (serials.get(keyPrefix) ?? 0) + 1;
    serials.set(keyPrefix, next);
    return toId18(`${keyPrefix}${pod}${encodeBase62(next, 10)}`);
  };
}
