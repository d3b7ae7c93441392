/** The engine's named transforms, one by one, and the registry every connector's transforms merge into. */
import { describe, expect, it } from 'vitest';
import { createTransformRegistry, CORE_TRANSFORMS, type TransformDefinitions } from '../../service/src/engine/transforms.ts';

const registry = createTransformRegistry();
const apply = (name: string, value: unknown, arg?: unknown) => {
  const def = registry.get(name);
  if (!def) throw new Error(`no transform ${name}`);
  if (def.arg) def.arg.parse(arg);
  return def.fn(value, arg);
};

describe('core transforms', () => {
  it('shape text: trim, upper, lower, nullIfBlank, string, truncate, default, joinLines', () => {
    expect(apply('trim', '  Acme  ')).toBe('Acme');
    expect(apply('upper', 'aaronfit0001')).toBe('AARONFIT0001');
    expect(apply('lower', 'MiXeD')).toBe('mixed');
    expect(apply('nullIfBlank', '   ')).toBeNull();
    expect(apply('nullIfBlank', 'x')).toBe('x');
    expect(apply('string', 42)).toBe('42');
    expect(apply('string', undefined)).toBeNull();
    expect(apply('truncate', 'abcdef', 3)).toBe('abc');
    expect(apply('truncate', 'ab', 3)).toBe('ab');
    expect(apply('default', '', 'Unknown')).toBe('Unknown');
    expect(apply('default', 'set', 'Unknown')).toBe('set');
    expect(apply('joinLines', ['100 Main St', '  ', 'Suite 4 '])).toBe('100 Main St\nSuite 4');
    expect(apply('joinLines', ['', null])).toBeNull();
  });

  it('read numbers, booleans, dates and date-times, refusing what they cannot read', () => {
    expect(apply('number', ' 12.5 ')).toBe(12.5);
    expect(apply('number', '')).toBeNull();
    expect(() => apply('number', '12,5')).toThrow('"12,5" is not a number');
    expect(apply('boolean', 'Yes')).toBe(true);
    expect(apply('boolean', 0)).toBe(false);
    expect(apply('boolean', null)).toBeNull();
    expect(() => apply('boolean', 'maybe')).toThrow('is not a boolean');
    expect(apply('date', '2026-03-01T10:00:00Z')).toBe('2026-03-01');
    // No system's blank date is special here: GP's 1900-01-01 is the GP connector's gpDate.
    expect(apply('date', '1900-01-01')).toBe('1900-01-01');
    expect(() => apply('date', '01/03/2026')).toThrow('is not a date');
    expect(apply('datetime', '2026-03-01T10:00:00+01:00')).toBe('2026-03-01T09:00:00.000Z');
    expect(() => apply('datetime', 'tomorrow')).toThrow('is not a date-time');
    expect(apply('round', 1.23456, 2)).toBe(1.23);
  });

  it('format digit-only phones with an extension', () => {
    expect(apply('phone', '31255501000000')).toBe('(312) 555-0100');
    expect(apply('phone', '31255501001234')).toBe('(312) 555-0100 x1234');
    expect(apply('phone', '555-0100')).toBe('5550100');
    expect(apply('phone', '')).toBeNull();
  });

  it('map values through a table and refuse unmapped ones', () => {
    const table = { '0': 'No', '1': 'Yes' };
    expect(apply('map', 1, table)).toBe('Yes');
    expect(() => apply('map', 2, table)).toThrow('no mapping for value "2"');
  });

  it('settle documents: difference, settlement, presence, coalesce, prefix', () => {
    expect(apply('difference', [100, 40.01])).toBe(59.99);
    expect(apply('difference', [0.3, 0.1])).toBe(0.2);
    expect(() => apply('difference', [1])).toThrow('needs two source fields');
    const labels = { paid: 'Paid', partial: 'Partial', open: 'Open' };
    expect(apply('settlement', [100, 0.004], labels)).toBe('Paid');
    expect(apply('settlement', [100, 30], labels)).toBe('Partial');
    expect(apply('settlement', [100, 100], labels)).toBe('Open');
    expect(apply('presence', 'INV-1', { present: 'Applied', blank: 'Unapplied' })).toBe('Applied');
    expect(apply('coalesce', [undefined, '', 'x'])).toBe('x');
    expect(apply('prefix', ' 42 ', 'BC:Invoice:')).toBe('BC:Invoice:42');
    expect(apply('prefix', '', 'BC:Invoice:')).toBe('');
  });

  it('stamp now without arguments (excluded from hashes by the flows that use it)', () => {
    const before = Date.now();
    expect(Date.parse(String(apply('now', null)))).toBeGreaterThanOrEqual(before - 1);
  });
});

describe('transform registry', () => {
  it('holds the engine transforms and a module\'s own, in registration order', () => {
    const mine: TransformDefinitions = { shout: { fn: (v) => `${String(v)}!` } };
    const merged = createTransformRegistry([{ owner: 'connector test', transforms: mine }]);
    expect(merged.names()).toEqual([...Object.keys(CORE_TRANSFORMS), 'shout']);
    expect(merged.get('shout')?.fn('hi', undefined)).toBe('hi!');
    expect(registry.get('shout')).toBeUndefined();
  });

  it('refuses a name owned twice, naming both owners', () => {
    expect(() => createTransformRegistry([{ owner: 'connector a', transforms: { trim: { fn: (v) => v } } }])).toThrow('transform "trim" of connector a is already defined by engine');
    const twice = [
      { owner: 'connector a', transforms: { x: { fn: (v: unknown) => v } } },
      { owner: 'connector b', transforms: { x: { fn: (v: unknown) => v } } },
    ];
    expect(() => createTransformRegistry(twice)).toThrow('transform "x" of connector b is already defined by connector a');
  });
});
