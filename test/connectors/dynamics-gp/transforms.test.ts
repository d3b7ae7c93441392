/** The transforms the GP connector owns (GP-DOMAIN §2): credit limits by type, GP's blank date. */
import { describe, expect, it } from 'vitest';
import { GP_BLANK_DATE, GP_TRANSFORMS } from '../../../service/src/connectors/dynamics-gp/transforms.ts';
import { dynamicsGpModule } from '../../../service/src/connectors/dynamics-gp/index.ts';
import { createTransformRegistry } from '../../../service/src/engine/transforms.ts';

const fn = (name: string) => (v: unknown) => GP_TRANSFORMS[name]!.fn(v, undefined);

describe('GP transforms', () => {
  it('gpCreditLimit: no credit → 0, unlimited → no limit (null), amount → the amount', () => {
    const limit = fn('gpCreditLimit');
    expect(limit([0, 2500])).toBe(0);
    expect(limit([1, 2500])).toBeNull();
    expect(limit([2, '2500.00'])).toBe(2500);
    expect(limit(['2', ''])).toBeNull();
    expect(() => limit([3, 100])).toThrow('credit limit type "3" is not 0, 1 or 2');
    expect(() => limit([2, 'lots'])).toThrow('"lots" is not a number');
  });

  it('gpDate: the date part, GP\'s blank date 1900-01-01 as no date', () => {
    const date = fn('gpDate');
    expect(date('2026-02-28T00:00:00')).toBe('2026-02-28');
    expect(date(`${GP_BLANK_DATE}T00:00:00`)).toBeNull();
    expect(date('')).toBeNull();
    expect(() => date('28/02/2026')).toThrow('is not a date');
  });

  it('are the module\'s, and merge into the engine registry without clashing', () => {
    expect(dynamicsGpModule.transforms).toBe(GP_TRANSFORMS);
    const registry = createTransformRegistry([{ owner: 'connector dynamics-gp', transforms: dynamicsGpModule.transforms }]);
    expect(registry.get('gpCreditLimit')).toBeDefined();
    expect(registry.get('gpDate')).toBeDefined();
  });
});
