/**
 * Field mappings admins edited in the CRM as the engine's `resolveFlow`: each run and replay gets the flow with
 * the rows applied over its default mapping. Rows live with a connection whose runtime keeps mapping overrides
 * (Salesforce: the package's Field_Mapping__c, one row per target field) — the flow's target side if it keeps
 * them, else its source side; a flow with neither runs on its defaults.
 *
 * - A row replaces the default entry with the same target; no rows = the default mapping. A row naming an unknown
 *   source or target field, an unknown transform or a bad argument, or targeting a locked entry (a lookup, a
 *   per-line mapping: mapping-rows.ts), is rejected with a reason (logged once per change, and listed by
 *   `problems()`), and that target keeps its default.
 * - Rows are cached for ttlMs. When the CRM cannot be read, the last rows read are used (and read again after
 *   ttlMs); if none were ever read, the flow runs on its defaults and a warning is logged.
 *
 * The row format (multi-field sources, transform chains) is described in http/salesforce/mapping-rows.ts.
 */
import type { FieldCatalogs } from '../engine/catalog.ts';
import type { MappingOverrides } from '../engine/connector.ts';
import type { FlowDefinition } from '../engine/flow.ts';
import { catalogsOfFlow } from '../engine/flow-catalogs.ts';
import type { TransformRegistry } from '../engine/transforms.ts';
import { applyMappingRows } from '../http/salesforce/apply-mapping-rows.ts';
import type { MappingRow } from '../http/salesforce/mapping-rows.ts';
import { toConnectorError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';

/** A mapping row that was not applied, and why: fit for an audit list or an admin screen. */
export interface MappingProblem {
  flowId: string;
  /** The connection the row was read from. */
  connectionId: string;
  target: string;
  source: string | null;
  transform: string | null;
  reason: string;
  /** When the row was read (ISO 8601). */
  readAt: string;
}

export interface MappingOverridesResolverDeps {
  /** Where a connection keeps admin-edited mappings; undefined when it keeps none (or is unknown). */
  overridesOf(connectionId: string): MappingOverrides | undefined;
  /** The system of a connection ("salesforce", "dynamics-gp"...), for the field catalogs. */
  systemOf(connectionId: string): string | undefined;
  catalogs: FieldCatalogs;
  transforms: TransformRegistry;
  logger: Logger;
  /** How long rows read are used before they are read again. */
  ttlMs: number;
  now?: () => number;
}

export interface MappingOverridesResolver {
  resolveFlow(flow: FlowDefinition): Promise<FlowDefinition>;
  /** Rows rejected at the last successful read (of one flow, or of all). */
  problems(flowId?: string): MappingProblem[];
  /** Drop cached rows so the next run reads the CRM again (e.g. right after an admin saved). */
  invalidate(flowId?: string): void;
}

interface CachedRows {
  rows: MappingRow[];
  readAt: number;
  /** Do not read the CRM again before this time. */
  freshUntil: number;
}

export function createMappingOverridesResolver(deps: MappingOverridesResolverDeps): MappingOverridesResolver {
  const now = deps.now ?? Date.now;
  const cache = new Map<string, CachedRows>();
  const inflight = new Map<string, Promise<MappingRow[] | undefined>>();
  const problemsByFlow = new Map<string, MappingProblem[]>();
  const log = deps.logger.child({ component: 'mapping-overrides' });

  /** The side of the flow whose connection keeps mapping overrides: the target first. */
  function overridesSide(flow: FlowDefinition): { connectionId: string; overrides: MappingOverrides } | undefined {
    for (const connectionId of [flow.target.connection, flow.source.connection]) {
      const overrides = deps.overridesOf(connectionId);
      if (overrides) return { connectionId, overrides };
    }
    return undefined;
  }

  /** Rows to apply now: fresh from the cache, read again, or the last good ones when the CRM cannot be read. */
  async function currentRows(side: { connectionId: string; overrides: MappingOverrides }, flowId: string): Promise<MappingRow[] | undefined> {
    const { connectionId } = side;
    const cached = cache.get(flowId);
    if (cached && now() < cached.freshUntil) return cached.rows;
    try {
      const rows = await side.overrides.read(flowId);
      cache.set(flowId, { rows, readAt: now(), freshUntil: now() + deps.ttlMs });
      return rows;
    } catch (err) {
      const e = toConnectorError(err);
      if (cached) {
        cached.freshUntil = now() + deps.ttlMs;
        log.warn(
          { flowId, connectionId, category: e.category, readAt: new Date(cached.readAt).toISOString() },
          `cannot read the field mapping from the CRM (${e.message}); using the mapping last read`,
        );
        return cached.rows;
      }
      log.warn({ flowId, connectionId, category: e.category }, `cannot read the field mapping from the CRM (${e.message}) and none was read before; running on the default mapping`);
      return undefined;
    }
  }

  function report(flowId: string, connectionId: string, rejected: ReturnType<typeof applyMappingRows>['rejected']): void {
    const readAt = new Date(cache.get(flowId)?.readAt ?? now()).toISOString();
    const problems = rejected.map(({ row, reason }) => ({ flowId, connectionId, ...row, reason, readAt }));
    const signature = (list: MappingProblem[]) => list.map((p) => `${p.target}|${p.source}|${p.transform}|${p.reason}`).join('\n');
    const before = problemsByFlow.get(flowId) ?? [];
    problemsByFlow.set(flowId, problems);
    if (signature(before) === signature(problems)) return;
    for (const p of problems) {
      log.warn({ flowId, connectionId, target: p.target, source: p.source, transform: p.transform }, `mapping row rejected, the default is kept for ${p.target}: ${p.reason}`);
    }
  }

  return {
    async resolveFlow(flow) {
      const side = overridesSide(flow);
      if (side === undefined) return flow;
      const { connectionId } = side;
      let pending = inflight.get(flow.id);
      if (!pending) {
        pending = currentRows(side, flow.id).finally(() => inflight.delete(flow.id));
        inflight.set(flow.id, pending);
      }
      const rows = await pending;
      if (rows === undefined || rows.length === 0) {
        if (rows !== undefined) report(flow.id, connectionId, []);
        return flow;
      }
      const result = applyMappingRows(flow, rows, catalogsOfFlow(flow, deps.catalogs, deps.systemOf), deps.transforms);
      report(flow.id, connectionId, result.rejected);
      return result.applied === 0 ? flow : { ...flow, mapping: result.mapping };
    },
    problems(flowId) {
      return flowId === undefined ? [...problemsByFlow.values()].flat() : [...(problemsByFlow.get(flowId) ?? [])];
    },
    invalidate(flowId) {
      if (flowId === undefined) cache.clear();
      else cache.delete(flowId);
    },
  };
}
