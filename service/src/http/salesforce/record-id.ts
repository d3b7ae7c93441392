/**
 * Salesforce record ids: 15 case-sensitive characters, or 18 with a 3-character suffix that encodes the case of
 * the first 15. The API (and the audit trail) uses the 18-character form, so a 15-character id is extended and
 * an 18-character one is checked and given its canonical suffix.
 */
const ID_PATTERN = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

function suffixOf(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

/** The 18-character id, or undefined if `raw` is not a Salesforce record id. */
export function toRecordId18(raw: string): string | undefined {
  if (!ID_PATTERN.test(raw)) return undefined;
  const id15 = raw.slice(0, 15);
  const suffix = suffixOf(id15);
  if (raw.length === 18 && raw.slice(15).toUpperCase() !== suffix) return undefined;
  return id15 + suffix;
}
