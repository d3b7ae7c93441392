/**
 * Field mappings as data: target field ← source field(s) through named, pure transforms. A flow's mapping is
 * validated at boot (unknown transform, bad argument) and applied per record; a value that cannot be mapped is
 * a validation error naming the field, and the record is parked, never half-written.
 */
import { z } from 'zod';
import { ConnectorError } from '../lib/errors.ts';
import { isBlank, type TransformRegistry } from './transforms.ts';

const transformRef = z.union([
  z.string(),
  z.object({ name: z.string(), arg: z.unknown().optional() }),
]);
export type TransformRef = z.infer<typeof transformRef>;

/**
 * A value resolved through another flow's record links, e.g. Order.AccountId (a Salesforce Account id) → the GP
 * customer number the customer flow linked to that Account. No link yet → a validation error (the record is
 * parked, and replays once the other flow has linked it).
 */
export const linkLookupSchema = z.object({
  flow: z.string().min(1),
  /** Which side of that flow's links the value is. */
  by: z.enum(['sourceId', 'targetId']),
  /** What to take from the link found. */
  take: z.enum(['sourceId', 'targetId', 'targetKey']),
  /** Words for the error message: "no GP customer for Account 001…". */
  describe: z.string().min(1).optional(),
  /**
   * No link yet: `park` (default) the record; write `null` for this field; or `skip` the record — it is not one
   * this flow writes (e.g. a BC customer that did not come from Salesforce): no write, no audit row.
   */
  onMissing: z.enum(['park', 'null', 'skip']).optional(),
});
export type LinkLookup = z.infer<typeof linkLookupSchema>;

export interface FieldMapping {
  target: string;
  /** Source field (dot path); an array passes the values as an array to the first transform. */
  source?: string | string[];
  /** A constant instead of a source field. */
  value?: string | number | boolean | null;
  transforms: TransformRef[];
  required: boolean;
  /** Longest value the target accepts; longer is a validation error unless a truncate transform runs first. */
  maxLength?: number;
  /** Written, but not part of the content hash (stamps such as "last synced at"). */
  excludeFromHash: boolean;
  /** Resolve the source value through another flow's links before the transforms. */
  lookup?: LinkLookup;
  /** The source is an array (e.g. included child records): map each element with these mappings. */
  each?: FieldMapping[];
}

export type FieldMappingInput = Omit<FieldMapping, 'transforms' | 'required' | 'excludeFromHash' | 'each'> & {
  transforms?: TransformRef[];
  required?: boolean;
  excludeFromHash?: boolean;
  each?: FieldMappingInput[];
};

export const fieldMappingSchema: z.ZodType<FieldMapping, FieldMappingInput> = z.lazy(() =>
  z.object({
    target: z.string().min(1),
    source: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    value: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
    transforms: z.array(transformRef).default([]),
    required: z.boolean().default(false),
    maxLength: z.number().int().positive().optional(),
    excludeFromHash: z.boolean().default(false),
    lookup: linkLookupSchema.optional(),
    each: z.array(fieldMappingSchema).min(1).optional(),
  }),
);

export const matchKeySchema = z.object({
  source: z.string().min(1),
  transforms: z.array(transformRef).default(['trim']),
  /** Resolve the key through another flow's links first (the target record that flow linked, e.g. its Salesforce Id). */
  lookup: linkLookupSchema.optional(),
});

/** Thrown by mapRecord when a lookup with `onMissing: 'skip'` finds no link: the record is not one this flow writes. */
export class RecordNotForFlow extends Error {
  override readonly name = 'RecordNotForFlow';
}
export type MatchKey = z.infer<typeof matchKeySchema>;

/** Boot-time check: every transform exists and its argument is valid. Returns problems, each naming its place. */
export function checkMapping(where: string, mappings: FieldMapping[], transforms: TransformRegistry): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  mappings.forEach((m, i) => {
    if (seen.has(m.target)) problems.push(`${where}.mapping[${i}]: target field "${m.target}" is mapped twice`);
    seen.add(m.target);
    if (m.source === undefined && m.value === undefined) problems.push(`${where}.mapping[${i}] (${m.target}): needs a source or a value`);
    if (m.lookup && (m.source === undefined || Array.isArray(m.source))) problems.push(`${where}.mapping[${i}] (${m.target}): a lookup needs one source field`);
    if (m.each) problems.push(...checkMapping(`${where}.mapping[${i}].each`, m.each, transforms));
    for (const t of m.transforms) {
      const name = typeof t === 'string' ? t : t.name;
      const def = transforms.get(name);
      if (!def) {
        problems.push(`${where}.mapping[${i}] (${m.target}): unknown transform "${name}"; known: ${transforms.names().join(', ')}`);
        continue;
      }
      if (def?.arg) {
        const parsed = def.arg.safeParse(typeof t === 'string' ? undefined : t.arg);
        if (!parsed.success) problems.push(`${where}.mapping[${i}] (${m.target}): transform "${name}" needs a valid "arg"`);
      }
    }
  });
  return problems;
}

function readPath(data: Record<string, unknown>, path: string): unknown {
  let cur: unknown = data;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function applyTransforms(value: unknown, chain: FieldMapping['transforms'], transforms: TransformRegistry): unknown {
  let v = value;
  for (const t of chain) {
    const name = typeof t === 'string' ? t : t.name;
    const def = transforms.get(name);
    if (!def) throw new TypeError(`unknown transform "${name}"`);
    v = def.fn(v, typeof t === 'string' ? undefined : t.arg);
  }
  return v;
}

export interface MappingContext {
  /** The transforms the flow's names refer to (the engine's and every connector module's). */
  transforms: TransformRegistry;
  /** Resolved link lookups (prefetched for the page): undefined = no link yet. */
  lookup?(spec: LinkLookup, value: string): string | undefined;
}

/** Every (lookup, value) a record needs, including inside `each` arrays: the runner prefetches them per page. */
export function collectLookups(data: Record<string, unknown>, mappings: FieldMapping[], out: { spec: LinkLookup; value: string }[] = []) {
  for (const m of mappings) {
    if (typeof m.source !== 'string') continue;
    const raw = readPath(data, m.source);
    if (m.lookup && !isBlank(raw)) out.push({ spec: m.lookup, value: String(raw) });
    if (m.each && Array.isArray(raw)) for (const el of raw) if (el && typeof el === 'object') collectLookups(el as Record<string, unknown>, m.each, out);
  }
  return out;
}

/** The key lookup of a record (prefetched with the field lookups). */
export function collectKeyLookup(data: Record<string, unknown>, matchKey: MatchKey): { spec: LinkLookup; value: string } | undefined {
  const raw = readPath(data, matchKey.source);
  return matchKey.lookup && !isBlank(raw) ? { spec: matchKey.lookup, value: String(raw) } : undefined;
}

/** A missing link: a problem to report (park), null to write, or the record skipped (RecordNotForFlow). */
function missingLink(spec: LinkLookup, message: string, problems: string[]): null | undefined {
  if (spec.onMissing === 'skip') throw new RecordNotForFlow(message);
  if (spec.onMissing === 'null') return null;
  problems.push(message);
  return undefined;
}

/** Map one source record. Throws a validation ConnectorError naming every field that failed. */
export function mapRecord(
  data: Record<string, unknown>,
  matchKey: MatchKey,
  mappings: FieldMapping[],
  ctx: MappingContext,
): { key: string; fields: Record<string, unknown>; hashed: Record<string, unknown> } {
  const problems: string[] = [];
  let key = '';
  try {
    let raw = readPath(data, matchKey.source);
    if (matchKey.lookup && !isBlank(raw)) {
      const spec = matchKey.lookup;
      const found = ctx.lookup?.(spec, String(raw));
      raw = found ?? missingLink(spec, `match key: no ${spec.describe ?? 'linked record'} for ${matchKey.source} "${String(raw)}" yet (flow ${spec.flow} has not linked it)`, problems);
    }
    const k = raw === undefined && matchKey.lookup ? undefined : applyTransforms(raw, matchKey.transforms, ctx.transforms);
    if (k !== undefined && isBlank(k)) problems.push(`match key ${matchKey.source} is empty`);
    else if (k !== undefined) key = String(k);
  } catch (err) {
    if (err instanceof RecordNotForFlow) throw err;
    problems.push(`match key ${matchKey.source}: ${(err as Error).message}`);
  }
  const { fields, hashed } = mapFields(data, mappings, ctx, problems, '');
  if (problems.length > 0) {
    throw new ConnectorError('validation', `Mapping failed: ${problems.join('; ')}`, {
      code: 'MAPPING_FAILED',
      fields: mappings.filter((m) => problems.some((p) => p.startsWith(m.target))).map((m) => m.target),
    });
  }
  return { key, fields, hashed };
}

function mapFields(
  data: Record<string, unknown>,
  mappings: FieldMapping[],
  ctx: MappingContext,
  problems: string[],
  prefix: string,
): { fields: Record<string, unknown>; hashed: Record<string, unknown> } {
  const fields: Record<string, unknown> = {};
  const hashed: Record<string, unknown> = {};
  for (const m of mappings) {
    const target = `${prefix}${m.target}`;
    if (m.each) {
      const raw = typeof m.source === 'string' ? readPath(data, m.source) : undefined;
      const elements = Array.isArray(raw) ? raw : [];
      if (m.required && elements.length === 0) {
        problems.push(`${target} is required but ${describeSource(m)} has no entries`);
        continue;
      }
      const mapped = elements.map((el, i) => mapFields((el ?? {}) as Record<string, unknown>, m.each as FieldMapping[], ctx, problems, `${target}[${i}].`));
      fields[m.target] = mapped.map((x) => x.fields);
      if (!m.excludeFromHash) hashed[m.target] = mapped.map((x) => x.hashed);
      continue;
    }
    try {
      let raw =
        m.value !== undefined
          ? m.value
          : Array.isArray(m.source)
            ? m.source.map((s) => readPath(data, s))
            : readPath(data, m.source as string);
      if (m.lookup && !isBlank(raw)) {
        const found = ctx.lookup?.(m.lookup, String(raw));
        if (found === undefined) {
          const message = `${target}: no ${m.lookup.describe ?? 'linked record'} for ${describeSource(m)} "${String(raw)}" yet (flow ${m.lookup.flow} has not linked it)`;
          if (missingLink(m.lookup, message, problems) === undefined) continue;
          raw = null;
        } else raw = found;
      }
      const v = applyTransforms(raw, m.transforms, ctx.transforms);
      if (m.required && isBlank(v)) {
        problems.push(`${target} is required but ${describeSource(m)} is empty`);
        continue;
      }
      if (m.maxLength !== undefined && typeof v === 'string' && v.length > m.maxLength) {
        problems.push(`${target} is ${v.length} characters long; the target allows ${m.maxLength}`);
        continue;
      }
      fields[m.target] = v ?? null;
      if (!m.excludeFromHash) hashed[m.target] = v ?? null;
    } catch (err) {
      if (err instanceof RecordNotForFlow) throw err;
      problems.push(`${target} (from ${describeSource(m)}): ${(err as Error).message}`);
    }
  }
  return { fields, hashed };
}

function describeSource(m: FieldMapping): string {
  if (m.value !== undefined) return 'a constant';
  return Array.isArray(m.source) ? m.source.join('+') : String(m.source);
}
