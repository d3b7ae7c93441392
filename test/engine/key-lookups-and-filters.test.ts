import { describe, expect, it } from 'vitest';
import { mapRecord, matchKeySchema, RecordNotForFlow, type LinkLookup } from '../../service/src/engine/mapping.ts';
import { createTransformRegistry } from '../../service/src/engine/transforms.ts';
import { matchesSource } from '../../service/src/engine/source-filter.ts';

const linked = new Map([['bc-1', 'SF-1']]);
const transforms = createTransformRegistry();
const ctx = { transforms, lookup: (_spec: LinkLookup, value: string) => linked.get(value) };
const lookup = (onMissing?: LinkLookup['onMissing']): LinkLookup => ({ flow: 'orders', by: 'targetId', take: 'sourceId', describe: 'Salesforce Order', onMissing });

describe('engine: key lookups, missing-link policies, source filters, document transforms', () => {
  it('resolves the match key through another flow\'s links, and parks, skips or nulls a missing one as told', () => {
    const key = (onMissing?: LinkLookup['onMissing']) => matchKeySchema.parse({ source: 'id', lookup: lookup(onMissing) });
    expect(mapRecord({ id: 'bc-1' }, key(), [{ target: 'X', value: 1, transforms: [], required: false, excludeFromHash: false }], ctx).key).toBe('SF-1');
    expect(() => mapRecord({ id: 'bc-2' }, key(), [], ctx)).toThrow('match key: no Salesforce Order for id "bc-2" yet (flow orders has not linked it)');
    expect(() => mapRecord({ id: 'bc-2' }, key('skip'), [], ctx)).toThrow(RecordNotForFlow);
    const nulled = mapRecord({ id: 'k', orderId: 'bc-9' }, matchKeySchema.parse({ source: 'id' }), [{ target: 'Order__c', source: 'orderId', lookup: lookup('null'), transforms: [], required: false, excludeFromHash: false }], ctx);
    expect(nulled.fields).toEqual({ Order__c: null });
  });

  it('keeps only records matching every condition (values compared as text; blank = null)', () => {
    expect(matchesSource({ Status: 'Activated' }, [{ field: 'Status', in: ['Activated'] }])).toBe(true);
    expect(matchesSource({ Status: 'Draft' }, [{ field: 'Status', in: ['Activated'] }])).toBe(false);
    expect(matchesSource({ n: null }, [{ field: 'n', notIn: [''] }])).toBe(false);
    expect(matchesSource({ n: 'C1', a: { b: true } }, [{ field: 'n', notIn: [''] }, { field: 'a.b', in: ['true'] }])).toBe(true);
  });

  it('maps settlement, differences, prefixes, presence and first non-blank values', () => {
    const labels = { paid: 'Paid', partial: 'Partially_Paid', open: 'Invoiced' };
    expect(transforms.get('settlement')?.fn([100, 100], labels)).toBe('Invoiced');
    expect(transforms.get('settlement')?.fn([100, 40], labels)).toBe('Partially_Paid');
    expect(transforms.get('settlement')?.fn([100, 0], labels)).toBe('Paid');
    expect(() => transforms.get('settlement')?.fn([100, 'x'], labels)).toThrow('settlement: remaining "x" is not a number');
    expect(transforms.get('difference')?.fn([100.1, 40.05], undefined)).toBe(60.05);
    expect(transforms.get('prefix')?.fn(' PS-INV1 ', 'BC:Invoice:')).toBe('BC:Invoice:PS-INV1');
    expect(transforms.get('presence')?.fn('', { present: 'Applied', blank: 'Unapplied' })).toBe('Unapplied');
    expect(transforms.get('coalesce')?.fn([null, ' ', '555'], undefined)).toBe('555');
  });
});
