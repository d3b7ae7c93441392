/**
 * Fixture pairs for flow templates: source records in, the target writes the flow makes out, as JSON beside the
 * pair's test (test/flows/<pair>/fixtures/<flow id>.json). Each runs the template through the real runner and
 * mapping (the merged transform registry, link lookups, child records) with an in-memory feed and a writer that
 * records what it is asked to write — no emulator, no network.
 *
 * A fixture: `template`, `description`, `changes` (the source feed's page), `links` (what other flows linked
 * before: lookups resolve through them), `related` (child records by entity and parent id, for `source.include`),
 * and the expectation: `writes` ({ sourceId, key, fields } in write order; values of "now" stamps read "<now>"),
 * `parked` ({ sourceId, reason }: the reason contains this text) and `notForThisFlow` (source ids the flow skips).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CONNECTOR_MODULES } from '../../service/src/connectors/modules.ts';
import { flowSchema, type FlowDefinition } from '../../service/src/engine/flow.ts';
import { createModuleRegistry } from '../../service/src/engine/module-registry.ts';
import { runFlow, type RunResult } from '../../service/src/engine/runner.ts';
import type { ChangeFeed, SourceChange, WriteItem, Writer } from '../../service/src/engine/types.ts';
import { FLOW_TEMPLATES } from '../../service/src/flows/index.ts';
import { silentLogger } from '../../service/src/lib/logger.ts';
import type { Store } from '../../service/src/store/types.ts';

export interface FlowFixture {
  template: string;
  description: string;
  changes: SourceChange[];
  links?: Array<{ flowId: string; sourceId: string; targetId: string | null; targetKey: string }>;
  related?: Record<string, Record<string, Array<Record<string, unknown>>>>;
  writes: Array<{ sourceId: string; key: string; fields: Record<string, unknown> }>;
  parked?: Array<{ sourceId: string; reason: string }>;
  notForThisFlow?: string[];
}

export interface FixtureOutcome {
  writes: FlowFixture['writes'];
  parked: Array<{ sourceId: string; reason: string }>;
  result: RunResult;
}

const { transforms } = createModuleRegistry(CONNECTOR_MODULES);
const NOW = '<now>';

export function readFixtures(dir: string): Array<{ file: string; fixture: FlowFixture }> {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, fixture: JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as FlowFixture }));
}

/** The flow of a template between connections `source` and `target`. */
export function flowOf(templateId: string): FlowDefinition {
  const template = FLOW_TEMPLATES[templateId];
  if (!template) throw new Error(`no flow template "${templateId}"`);
  return flowSchema.parse(template.build({ source: 'source', target: 'target' }));
}

/** Stamps made at mapping time ("now") become "<now>", once checked to be an ISO instant. */
function withStamps(flow: FlowDefinition, fields: Record<string, unknown>): Record<string, unknown> {
  const out = { ...fields };
  for (const m of flow.mapping) {
    if (!m.transforms.some((t) => (typeof t === 'string' ? t : t.name) === 'now') || !(m.target in out)) continue;
    if (Number.isNaN(Date.parse(String(out[m.target])))) throw new Error(`${m.target}: "${String(out[m.target])}" is not a time stamp`);
    out[m.target] = NOW;
  }
  return out;
}

function feedOf(changes: SourceChange[]): ChangeFeed<{ done: true } | null> {
  return {
    beginRun: (stored) => stored,
    read: async (cursor) => ({ changes: cursor ? [] : structuredClone(changes), cursor: { done: true }, hasMore: false }),
  };
}

function recordingWriter(sink: WriteItem[]): Writer {
  return {
    maxBatchSize: 200,
    write: async (items) => {
      sink.push(...structuredClone(items));
      return items.map((item) => ({ ok: true as const, targetId: `target:${item.key}`, created: true }));
    },
  };
}

export async function runFixture(store: Store, fixture: FlowFixture): Promise<FixtureOutcome> {
  const flow = flowOf(fixture.template);
  if (fixture.links?.length) {
    await store.links.upsert(
      fixture.links.map((l) => ({
        ...l,
        sourceConnection: 'other',
        sourceEntity: 'other',
        targetConnection: 'other',
        targetEntity: 'other',
        contentHash: 'seeded',
        sourceVersion: 'seeded',
      })),
    );
  }
  const written: WriteItem[] = [];
  const result = await runFlow(flow, {
    store,
    feed: feedOf(fixture.changes),
    writer: recordingWriter(written),
    logger: silentLogger(),
    transforms,
    sleep: async () => {},
    related: async (entity, _parentField, parentIds) => new Map(parentIds.map((id) => [id, structuredClone(fixture.related?.[entity]?.[id] ?? [])])),
  });
  const parked = await store.parked.list({ flowId: flow.id, status: 'parked', limit: 1_000 });
  return {
    writes: written.map((w) => ({ sourceId: w.sourceId, key: w.key, fields: withStamps(flow, w.fields) })),
    parked: parked.map((p) => ({ sourceId: p.sourceId, reason: p.reason })).sort((a, b) => a.sourceId.localeCompare(b.sourceId)),
    result,
  };
}
