/**
 * Per-page preparation before mapping: child records a flow includes (an Order's OrderItems) and the link
 * lookups its mapping needs (Order.AccountId → the GP customer number), each fetched once per page, not per record.
 */
import type { RecordLink, Store } from '../store/types.ts';
import type { ConnectionRuntime } from './connections.ts';
import type { FlowDefinition } from './flow.ts';
import { collectKeyLookup, collectLookups, type LinkLookup, type MappingContext } from './mapping.ts';
import type { SourceChange } from './types.ts';

export type RelatedReader = NonNullable<ConnectionRuntime['related']>;

export async function attachIncludes(flow: FlowDefinition, changes: SourceChange[], related: RelatedReader | undefined): Promise<void> {
  if (flow.source.include.length === 0) return;
  if (!related) throw new Error(`flow "${flow.id}" includes child records, but its source connection cannot read them`);
  const parents = changes.filter((c) => c.op === 'upsert');
  if (parents.length === 0) return;
  for (const inc of flow.source.include) {
    const children = await related(inc.entity, inc.parentField, parents.map((c) => c.id), inc.fields);
    for (const c of parents) c.data[inc.as] = children.get(c.id) ?? [];
  }
}

const keyOf = (flow: string, by: string, value: string) => `${flow}\u0000${by}\u0000${value}`;

/** The link lookups of a page, resolved once: `lookup(spec, value)` is the linked value or undefined (no link yet). */
export type LinkLookups = Pick<MappingContext, 'lookup'>;

export async function prefetchLookups(flow: FlowDefinition, changes: SourceChange[], store: Store): Promise<LinkLookups> {
  const wanted = new Map<string, { spec: LinkLookup; values: Set<string> }>();
  for (const c of changes) {
    if (c.op !== 'upsert') continue;
    const keyLookup = collectKeyLookup(c.data, flow.matchKey);
    for (const { spec, value } of [...collectLookups(c.data, flow.mapping), ...(keyLookup ? [keyLookup] : [])]) {
      const group = `${spec.flow}\u0000${spec.by}`;
      const entry = wanted.get(group) ?? { spec, values: new Set<string>() };
      entry.values.add(value);
      wanted.set(group, entry);
    }
  }
  if (wanted.size === 0) return {};
  const found = new Map<string, RecordLink>();
  for (const { spec, values } of wanted.values()) {
    const ids = [...values];
    const links = spec.by === 'sourceId' ? await store.links.get(spec.flow, ids) : await store.links.getByTarget(spec.flow, ids);
    for (const [value, link] of links) found.set(keyOf(spec.flow, spec.by, value), link);
  }
  return {
    lookup(spec, value) {
      const link = found.get(keyOf(spec.flow, spec.by, value));
      const v = link?.[spec.take];
      return v === null || v === undefined ? undefined : v;
    },
  };
}
