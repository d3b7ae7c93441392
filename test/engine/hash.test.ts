/** Content hashes decide "unchanged": equal content hashes equal whatever the key order; any change changes it. */
import { describe, expect, it } from 'vitest';
import { canonicalJson, hashContent } from '../../service/src/lib/hash.ts';

describe('content hashing', () => {
  it('is independent of key order and of undefined fields, at every depth', () => {
    const a = { key: 'C1', fields: { Name: 'Acme', Address: { City: 'Austin', Zip: '78701' }, Lines: [{ Qty: 1, Sku: 'A' }], Extra: undefined } };
    const b = { fields: { Lines: [{ Sku: 'A', Qty: 1 }], Address: { Zip: '78701', City: 'Austin' }, Name: 'Acme' }, key: 'C1' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(hashContent(a)).toBe(hashContent(b));
    expect(hashContent(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with any value, with array order, and tells null from absent', () => {
    const base = { Name: 'Acme', Lines: ['A', 'B'], Phone: null };
    expect(hashContent({ ...base, Name: 'Acme ' })).not.toBe(hashContent(base));
    expect(hashContent({ ...base, Lines: ['B', 'A'] })).not.toBe(hashContent(base));
    const { Phone: _phone, ...withoutPhone } = base;
    expect(hashContent(withoutPhone)).not.toBe(hashContent(base));
    expect(hashContent({ ...base, Amount: 1 })).not.toBe(hashContent({ ...base, Amount: '1' }));
  });

  it('hashes dates as their ISO instant', () => {
    expect(canonicalJson({ at: new Date('2026-03-01T10:00:00Z') })).toBe('{"at":"2026-03-01T10:00:00.000Z"}');
  });
});
