/**
 * Field mappings edited by admins in Salesforce (the package's Field_Mapping__c, one row per target field) as the
 * engine's `resolveFlow`: each run and replay gets the flow with its rows applied over the default mapping.
 *
 * - Rows live in the org of the flow's Salesforce side (its target connection if that is Salesforce, else its
 *   source); a flow with no Salesforce side runs on its defaults.
 * - A row replaces the default entry with the same target; no rows = the default mapping. A row naming an unknown
 *   source or target field, an unknown transform or a bad argument, or targeting a locked entry (a lookup, a
 *   per-line mapping: mapping-rows.ts), is rejected with a reason (logged once per change, and listed by
 *   `problems()`), and that target keeps its default.
 * - Rows are cached for ttlMs. When Salesforce cannot be read, the last rows read are used (and read again after
 *   ttlMs); if none were ever read, the flow runs on its defaults and a warning is logged.
 *
 * The row format (multi-field sources, transform chains) is described in http/salesforce/mapping-rows.ts.
 */
import type { SalesforceClient } from '../connectors/salesforce/client.ts';
import type { PackageField, PackageObject } from '../connectors/salesforce/package-schema.generated.ts';
import type { FlowDefinition } from '../engine/flow.ts';
import { applyMappingRows } from '../http/salesforce/apply-mapping-rows.ts';
import { catalogsOfFlow, FIELD_CATALOGS, type FieldCatalogs } from '../http/salesforce/catalog/index.ts';
import type { MappingRow } from '../http/salesforce/mapping-rows.ts';
import { toConnectorError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';

const MAPPING_OBJECT = 'Field_Mapping__c' satisfies PackageObject;
const FIELDS = {
  flowId: 'Flow_Id__c',
  target: 'Target_Field__c',
  source: 'Source_Field__c',
  transform: 'Transform__c',
} as const satisfies Record<string, PackageField<typeof MAPPING_OBJECT>>;

/** A mapping row that was not applied, and why: fit for an audit list or an admin screen. */
export interface MappingProblem {
  flowId: string;
  /** Salesforce connection the row was read from. */
  connectionId: string;
  target: string;
  source: string | null;
  transform: string | null;
  reason: string;
  /** When the row was read (ISO 8601). */
  readAt: string;
}

export interface SalesforceMappingResolverDeps {
  /** The client of a Salesforce connection (names are qualified with its namespace). */
  clientFor(connectionId: string): SalesforceClient;
  /** The system of a connection ("salesforce", "dynamics-gp"...). */
  systemOf(connectionId: string): string;
  logger: Logger;
  /** How long rows read from Salesforce are used before they are read again. */
  ttlMs: number;
  catalogs?: FieldCatalogs;
  now?: () => number;
}

export interface SalesforceMappingResolver {
  resolveFlow(flow: FlowDefinition): Promise<FlowDefinition>;
  /** Rows rejected at the last successful read (of one flow, or of all). */
  problems(flowId?: string): MappingProblem[];
  /** Drop cached rows so the next run reads Salesforce again (e.g. right after an admin saved). */
  invalidate(flowId?: string): void;
}

interface CachedRows {
  rows: MappingRow[];
  readAt: number;
  /** Do not read Salesforce again before this time. */
  freshUntil: number;
}

const SALESFORCE = 'salesforce';

function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

export function createSalesforceMappingResolver(deps: SalesforceMappingResolverDeps): SalesforceMappingResolver {
  const catalogs = deps.catalogs ?? FIELD_CATALOGS;
  const now = deps.now ?? Date.now;
  const cache = new Map<string, CachedRows>();
  const inflight = new Map<string, Promise<MappingRow[] | undefined>>();
  const problemsByFlow = new Map<string, MappingProblem[]>();
  const log = deps.logger.child({ component: 'salesforce-mappings' });

  function salesforceSide(flow: FlowDefinition): string | undefined {
    if (deps.systemOf(flow.target.connection) === SALESFORCE) return flow.target.connection;
    if (deps.systemOf(flow.source.connection) === SALESFORCE) return flow.source.connection;
    return undefined;
  }

  async function readRows(connectionId: string, flowId: string): Promise<MappingRow[]> {
    const client = deps.clientFor(connectionId);
    const q = (name: string) => client.names.qualify(name);
    const soql =
      `SELECT ${q(FIELDS.flowId)}, ${q(FIELDS.target)}, ${q(FIELDS.source)}, ${q(FIELDS.transform)} ` +
      `FROM ${q(MAPPING_OBJECT)} WHERE ${q(FIELDS.flowId)} = ${soqlString(flowId)} ORDER BY ${q(FIELDS.target)}`;
    const rows: MappingRow[] = [];
    for await (const record of client.query<Record<string, unknown>>(soql)) {
      const target = text(record[q(FIELDS.target)]);
      if (target === null) continue; // a row without a target names nothing to override
      rows.push({ target, source: text(record[q(FIELDS.source)]), transform: text(record[q(FIELDS.transform)]) });
    }
    return rows;
  }

  /** Rows to apply now: fresh from the cache, read again, or the last good ones when Salesforce fails. */
  async function currentRows(connectionId: string, flowId: string): Promise<MappingRow[] | undefined> {
    const cached = cache.get(flowId);
    if (cached && now() < cached.freshUntil) return cached.rows;
    try {
      const rows = await readRows(connectionId, flowId);
      cache.set(flowId, { rows, readAt: now(), freshUntil: now() + deps.ttlMs });
      return rows;
    } catch (err) {
      const e = toConnectorError(err);
      if (cached) {
        cached.freshUntil = now() + deps.ttlMs;
        log.warn(
          { flowId, connectionId, category: e.category, readAt: new Date(cached.readAt).toISOString() },
          `cannot read the field mapping from Salesforce (${e.message}); using the mapping last read`,
        );
        return cached.rows;
      }
      log.warn({ flowId, connectionId, category: e.category }, `cannot read the field mapping from Salesforce (${e.message}) and none was read before; running on the default mapping`);
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
      const connectionId = salesforceSide(flow);
      if (connectionId === undefined) return flow;
      let pending = inflight.get(flow.id);
      if (!pending) {
        pending = currentRows(connectionId, flow.id).finally(() => inflight.delete(flow.id));
        inflight.set(flow.id, pending);
      }
      const rows = await pending;
      if (rows === undefined || rows.length === 0) {
        if (rows !== undefined) report(flow.id, connectionId, []);
        return flow;
      }
      const result = applyMappingRows(flow, rows, catalogsOfFlow(flow, catalogs, deps.systemOf));
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
