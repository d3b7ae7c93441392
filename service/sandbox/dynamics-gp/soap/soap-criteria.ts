/**
 * List criteria of GP Web Services (FACTS §2.2 [V]): a `…Criteria` derives from Common's `Criteria` (whose
 * `columns`, `convertToUpperCaseRestriction` and `restrictions` are internal: nil or absent) and holds one
 * restriction per property: `RestrictionOf<T>{EqualValue, NotEqualValue}`, `ListRestrictionOf<T>` + `Items`,
 * `BetweenRestrictionOf<T>` + `From, GreaterThan, LessThan, To`, `LikeRestrictionOfstring` + `Like`. Every member
 * given must hold (AND). Emulator choices [U]: strings compare case-insensitively ignoring trailing blanks (GP's CI
 * collation, GP-DOMAIN §2); `Like` uses SQL LIKE wildcards `%` and `_`; date-times compare as server-local
 * `YYYY-MM-DDTHH:MM:SS.mmm`; list `Items` are supported for strings only.
 */
import type { ContractObject } from './contract-reader.ts';
import { invalidMessage } from './soap-fault.ts';

export type Matcher<T> = (value: T) => boolean;

const BASE = ['columns', 'convertToUpperCaseRestriction', 'restrictions'];
const STRING_MEMBERS = ['EqualValue', 'NotEqualValue', 'Items', 'From', 'GreaterThan', 'LessThan', 'To', 'Like'];
const SCALAR_MEMBERS = ['EqualValue', 'NotEqualValue', 'From', 'GreaterThan', 'LessThan', 'To'];

export function checkCriteriaBase(criteria: ContractObject): void {
  for (const m of BASE) if (criteria.has(m)) throw invalidMessage(`${criteria.path}.${m} is internal to the service: leave it out or send it nil`);
}

export const criteriaSupported = (members: readonly string[]) => [...BASE, ...members];

const fold = (s: string) => s.trimEnd().toUpperCase();

function likeToRegExp(pattern: string): RegExp {
  const body = [...fold(pattern)].map((ch) => (ch === '%' ? '.*' : ch === '_' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 's');
}

/** A string restriction (RestrictionOfstring and descendants) as a predicate; undefined when absent. */
export function stringMatcher(criteria: ContractObject, name: string): Matcher<string> | undefined {
  const r = criteria.object(name, STRING_MEMBERS);
  if (!r) return undefined;
  const get = (m: string) => (r.has(m) ? fold(r.text(m) ?? '') : undefined);
  const eq = get('EqualValue');
  const ne = get('NotEqualValue');
  const from = get('From');
  const to = get('To');
  const gt = get('GreaterThan');
  const lt = get('LessThan');
  const itemTexts = r.has('Items') ? r.strings('Items').map(fold) : undefined;
  const like = r.has('Like') ? likeToRegExp(r.text('Like') ?? '') : undefined;
  return (raw) => {
    const v = fold(raw);
    return (
      (eq === undefined || v === eq) &&
      (ne === undefined || v !== ne) &&
      (itemTexts === undefined || itemTexts.includes(v)) &&
      (from === undefined || v >= from) &&
      (to === undefined || v <= to) &&
      (gt === undefined || v > gt) &&
      (lt === undefined || v < lt) &&
      (like === undefined || like.test(v))
    );
  };
}

/** A date-time restriction (BetweenRestrictionOfNullableOfdateTime): values are `YYYY-MM-DDTHH:MM:SS.mmm`. */
export function dateTimeMatcher(criteria: ContractObject, name: string): Matcher<string> | undefined {
  const r = criteria.object(name, SCALAR_MEMBERS);
  if (!r) return undefined;
  const eq = r.dateTime('EqualValue');
  const ne = r.dateTime('NotEqualValue');
  const from = r.dateTime('From');
  const to = r.dateTime('To');
  const gt = r.dateTime('GreaterThan');
  const lt = r.dateTime('LessThan');
  return (v) => (eq === undefined || v === eq) && (ne === undefined || v !== ne) && (from === undefined || v >= from) && (to === undefined || v <= to) && (gt === undefined || v > gt) && (lt === undefined || v < lt);
}

/** An enumeration or boolean restriction (EqualValue / NotEqualValue). */
export function equalityMatcher(criteria: ContractObject, name: string, kind: 'enum' | 'bool'): Matcher<string | boolean> | undefined {
  const r = criteria.object(name, ['EqualValue', 'NotEqualValue']);
  if (!r) return undefined;
  const read = (m: string) => (kind === 'bool' ? r.bool(m) : r.enumValue(m));
  const eq = read('EqualValue');
  const ne = read('NotEqualValue');
  return (v) => (eq === undefined || v === eq) && (ne === undefined || v !== ne);
}
