/**
 * Mapping rows: how a `FieldMapping` looks in the package's mapping editor and in `Field_Mapping__c`
 * (one row per target field: `{ target, source, transform }`, all text), and back.
 *
 * Representation (the editor and FieldMappingController accept field names `[A-Za-z][A-Za-z0-9_.]*` and
 * transforms `[A-Za-z][A-Za-z0-9_:-]*`, at most 40 characters):
 * - source: one field name; a multi-field source (`['Address1','Address2','Address3']`) is the name of the
 *   catalog's composite field with exactly those parts (`AddressLines`). A field of an included child record is
 *   its dot path (`contacts.0.Email`: the first Contact; see catalog/flow-catalogs.ts).
 * - transform: a chain of steps joined by `-`, each `name` or `name:arg`, applied left to right: `trim`,
 *   `trim-nullIfBlank`, `trim-truncate:80`, `default:0`. An arg is an integer (`-1` allowed), `true`/`false`, or a
 *   word of letters, digits and `_` (a string). Blank = copy the value.
 *
 * Every default entry is one of three kinds (`entryForm`):
 * - row: shown in the editor; a row for its target replaces it, and the row it renders reads back to exactly
 *   the same entry.
 * - hidden: a value the row format cannot spell, but a row may replace — constants (`value`, e.g. the
 *   last-synced stamp), args that are tables or other text (`map`, `settlement`, `prefix:'SF Order '`), chains
 *   longer than 40 characters, a source the catalog does not list. Not shown; it keeps running until a row for
 *   its target replaces it.
 * - locked: not editable — `lookup` (the value is resolved through another flow's links: a row's plain field
 *   would write a foreign key unresolved), `each` (the target is an array filled per included child record with
 *   its own entries), and a multi-field source with no composite in the catalog (the editor offers one source
 *   per target). Not shown, its target is not offered as a target, and a row for it is rejected saying why.
 * Rows never write the flow's match field, nor a read-only field of the target catalog.
 */
import { findComposite, findField, isComposite, type CatalogFieldType, type EntityCatalog } from '../../engine/catalog.ts';
import type { MappingOverrideRow } from '../../engine/connector.ts';
import { checkMapping, fieldMappingSchema, type FieldMapping } from '../../engine/mapping.ts';
import type { TransformRegistry } from '../../engine/transforms.ts';
import { formatIssues } from '../errors.ts';

export type MappingRow = MappingOverrideRow;

type TransformRef = FieldMapping['transforms'][number];

/** Transform__c holds at most 40 characters (TRANSFORM_PATTERN in the package). */
export const MAX_TRANSFORM_TEXT = 40;
const STEP = /^([A-Za-z][A-Za-z0-9_]*)(?::(-?[A-Za-z0-9_]+))?/;
const WORD = /^[A-Za-z0-9_]+$/;
const INTEGER = /^-?\d+$/;

function parseArg(text: string): string | number | boolean {
  if (INTEGER.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  return text;
}

function formatArg(arg: unknown): string | undefined {
  if (typeof arg === 'number') return Number.isSafeInteger(arg) ? String(arg) : undefined;
  if (typeof arg === 'boolean') return String(arg);
  if (typeof arg === 'string' && WORD.test(arg) && !INTEGER.test(arg) && arg !== 'true' && arg !== 'false') return arg;
  return undefined;
}

/** `trim-truncate:80` → `['trim', { name: 'truncate', arg: 80 }]`. Names match case-insensitively. */
export function parseTransformChain(
  text: string | null | undefined,
  registry: TransformRegistry,
): { ok: true; transforms: TransformRef[] } | { ok: false; problem: string } {
  const input = (text ?? '').trim();
  const byLower = new Map(registry.names().map((name) => [name.toLowerCase(), name]));
  const transforms: TransformRef[] = [];
  let rest = input;
  while (rest.length > 0) {
    const m = STEP.exec(rest);
    if (!m) return { ok: false, problem: `transform "${input}" is not a chain of steps like trim-nullIfBlank or truncate:80` };
    const [whole, rawName, rawArg] = m as unknown as [string, string, string | undefined];
    const name = byLower.get(rawName.toLowerCase());
    if (!name) return { ok: false, problem: `unknown transform "${rawName}"; known: ${registry.names().join(', ')}` };
    const def = registry.get(name);
    if (rawArg !== undefined && !def?.arg) return { ok: false, problem: `transform "${name}" takes no argument (got "${rawArg}")` };
    transforms.push(rawArg === undefined ? name : { name, arg: parseArg(rawArg) });
    rest = rest.slice(whole.length);
    if (rest.length > 0) {
      if (!rest.startsWith('-') || rest.length === 1) return { ok: false, problem: `transform "${input}": steps are joined by "-", as in trim-nullIfBlank` };
      rest = rest.slice(1);
    }
  }
  return { ok: true, transforms };
}

/** The chain as row text; null for no transform; undefined when the chain has no row form. */
export function formatTransformChain(transforms: readonly TransformRef[]): string | null | undefined {
  if (transforms.length === 0) return null;
  const steps: string[] = [];
  for (const t of transforms) {
    if (typeof t === 'string') {
      steps.push(t);
      continue;
    }
    if (t.arg === undefined) {
      steps.push(t.name);
      continue;
    }
    const arg = formatArg(t.arg);
    if (arg === undefined) return undefined;
    steps.push(`${t.name}:${arg}`);
  }
  const text = steps.join('-');
  return text.length <= MAX_TRANSFORM_TEXT ? text : undefined;
}

export type EntryForm = { kind: 'row'; row: MappingRow } | { kind: 'hidden'; why: string } | { kind: 'locked'; reason: string };

/** Why a default entry cannot be edited as a row at all (see the module comment), or undefined. */
export function lockedReason(entry: FieldMapping, source: EntityCatalog): string | undefined {
  if (entry.each) return `it maps each element of ${describeSource(entry.source)} (included records) with its own field mappings, which a mapping row cannot express`;
  if (entry.lookup) {
    const what = entry.lookup.describe ? ` to the ${entry.lookup.describe}` : '';
    return `its value is resolved${what} through the links of flow ${entry.lookup.flow}, which a mapping row cannot express`;
  }
  if (Array.isArray(entry.source) && !findComposite(source, entry.source)) {
    return `it combines ${entry.source.join(', ')}, which a mapping row cannot express (${source.system} ${source.entity} has no combined field of them)`;
  }
  return undefined;
}

function describeSource(source: FieldMapping['source']): string {
  return source === undefined ? 'nothing' : Array.isArray(source) ? source.join(', ') : source;
}

/** How a default entry appears to the editor: as a row, hidden (a row may replace it) or locked. */
export function entryForm(entry: FieldMapping, source: EntityCatalog): EntryForm {
  const locked = lockedReason(entry, source);
  if (locked !== undefined) return { kind: 'locked', reason: locked };
  if (entry.source === undefined) return { kind: 'hidden', why: 'a constant' };
  const transform = formatTransformChain(entry.transforms);
  if (transform === undefined) return { kind: 'hidden', why: 'a transform chain with no row form' };
  if (typeof entry.source === 'string') {
    const field = findField(source, entry.source);
    return field && !isComposite(field) ? { kind: 'row', row: { target: entry.target, source: field.name, transform } } : { kind: 'hidden', why: `source ${entry.source} is not in the catalog` };
  }
  // lockedReason found the composite of a multi-field source.
  const composite = findComposite(source, entry.source);
  return composite ? { kind: 'row', row: { target: entry.target, source: composite.name, transform } } : { kind: 'locked', reason: `${source.entity} has no combined field of ${entry.source.join(', ')}` };
}

/** A default mapping entry as an editor row, or undefined when it is hidden or locked (see the module comment). */
export function renderEntry(entry: FieldMapping, source: EntityCatalog): MappingRow | undefined {
  const form = entryForm(entry, source);
  return form.kind === 'row' ? form.row : undefined;
}

/**
 * Whether a value of one type lands in a field of another without a transform — the editor's rule
 * (mappingValidation.js typeFit): anything becomes text, a date widens to a date-time, a date-time narrows to a
 * date; the rest needs a transform.
 */
export function fitsWithoutTransform(sourceType: CatalogFieldType, targetType: CatalogFieldType): boolean {
  return sourceType === targetType || targetType === 'string' || (sourceType === 'date' && targetType === 'datetime') || (sourceType === 'datetime' && targetType === 'date');
}

export interface RowContext {
  flowId: string;
  source: EntityCatalog;
  target: EntityCatalog;
  /** The flow's match field: written from the match key, never from a mapping row. */
  matchField: string;
  defaults: readonly FieldMapping[];
  /** The transforms a row may name (the engine's and the connector modules'). */
  transforms: TransformRegistry;
}

/** One row read from the CRM as a FieldMapping, or why it cannot be used. */
export function rowToFieldMapping(row: MappingRow, ctx: RowContext): { ok: true; mapping: FieldMapping } | { ok: false; reason: string } {
  const targetName = row.target.trim();
  const sourceName = (row.source ?? '').trim();
  if (!targetName) return { ok: false, reason: 'the target field is blank' };
  const fallback = ctx.defaults.find((m) => m.target.toLowerCase() === targetName.toLowerCase());
  const locked = fallback ? lockedReason(fallback, ctx.source) : undefined;
  if (fallback && locked !== undefined) return { ok: false, reason: `target field "${fallback.target}" is not editable: ${locked}` };
  const target = findField(ctx.target, targetName);
  if (!target || isComposite(target)) return { ok: false, reason: `unknown target field "${targetName}": ${ctx.target.system} ${ctx.target.entity} has no such field` };
  if (target.name.toLowerCase() === ctx.matchField.toLowerCase()) {
    return { ok: false, reason: `target field "${target.name}" is the flow's match field; it is written from the match key, not from a mapping` };
  }
  if (target.readOnly) return { ok: false, reason: `target field "${target.name}" is read-only: ${ctx.target.system} ${ctx.target.entity} sets it itself` };
  if (!sourceName) return { ok: false, reason: `the source field for "${target.name}" is blank` };
  const source = findField(ctx.source, sourceName);
  if (!source) return { ok: false, reason: `unknown source field "${sourceName}": ${ctx.source.system} ${ctx.source.entity} has no such field` };
  const chain = parseTransformChain(row.transform, ctx.transforms);
  if (!chain.ok) return { ok: false, reason: chain.problem };
  if (chain.transforms.length === 0 && !fitsWithoutTransform(source.type, target.type)) {
    return { ok: false, reason: `${target.name} (${target.type}) cannot take ${source.name} (${source.type}) without a transform` };
  }
  const parsed = fieldMappingSchema.safeParse({
    target: target.name,
    source: isComposite(source) ? [...source.parts] : source.name,
    transforms: chain.transforms,
    // Overriding a default keeps its checks; a new target gets the catalog's.
    required: fallback ? fallback.required : target.required === true,
    maxLength: fallback ? fallback.maxLength : target.type === 'string' ? target.length : undefined,
    excludeFromHash: fallback?.excludeFromHash ?? false,
  });
  if (!parsed.success) return { ok: false, reason: formatIssues(parsed.error) };
  // checkMapping names its place ("row.mapping[0] (Name): ..."); the row is the place here.
  const problems = checkMapping('row', [parsed.data], ctx.transforms).map((p) => p.replace(/^row\.mapping\[0\] \([^)]*\): /, ''));
  if (problems.length > 0) return { ok: false, reason: problems.join('; ') };
  return { ok: true, mapping: parsed.data };
}
