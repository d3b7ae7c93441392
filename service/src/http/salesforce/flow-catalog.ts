/**
 * GET /api/salesforce/flows: the flows of a Salesforce connection as the mapping editor sees them — each side's
 * system, entity and field catalog (engine/flow-catalogs.ts), and the default mapping as editor rows
 * (mapping-rows.ts). A flow with a side the service has no catalog for is left out: the editor could not check a
 * mapping for it. Target fields a row may not fill are not offered: the match field, read-only fields, and the
 * targets of locked entries (listed under `locked` with the reason, a key the editor does not read).
 */
import type { FlowDefinition } from '../../engine/flow.ts';
import type { Logger } from '../../lib/logger.ts';
import { catalogFields, type CatalogField, type EntityCatalog, type FieldCatalogs } from '../../engine/catalog.ts';
import { catalogsOfFlow } from '../../engine/flow-catalogs.ts';
import { entryForm, type MappingRow } from './mapping-rows.ts';

export interface CatalogFieldJson {
  name: string;
  type: CatalogField['type'];
  length?: number;
  required?: boolean;
}

export interface FlowEndpointJson {
  system: string;
  entity: string;
  fields: CatalogFieldJson[];
}

export interface FlowCatalogEntry {
  id: string;
  name: string;
  source: FlowEndpointJson;
  target: FlowEndpointJson;
  mapping: MappingRow[];
  /** Default entries no row may replace (mapping-rows.ts: lookups, per-line mappings...), with the reason. */
  locked: Array<{ target: string; reason: string }>;
  /** Rows read from Salesforce that the service did not apply, with the reason (when the resolver is wired). */
  rejectedRows?: Array<{ target: string; source: string | null; transform: string | null; reason: string }>;
}

function fieldJson(f: CatalogField): CatalogFieldJson {
  return { name: f.name, type: f.type, ...(f.length !== undefined ? { length: f.length } : {}), ...(f.required ? { required: true } : {}) };
}

function endpoint(catalog: EntityCatalog, fields: CatalogField[]): FlowEndpointJson {
  return { system: catalog.system, entity: catalog.entity, fields: fields.map(fieldJson) };
}

export function buildFlowCatalog(
  flows: readonly FlowDefinition[],
  deps: {
    catalogs: FieldCatalogs;
    systemOf(connectionId: string): string | undefined;
    logger: Logger;
    rejectedRows?: (flowId: string) => Array<{ target: string; source: string | null; transform: string | null; reason: string }>;
  },
): FlowCatalogEntry[] {
  const entries: FlowCatalogEntry[] = [];
  for (const flow of flows) {
    const { source, target } = catalogsOfFlow(flow, deps.catalogs, deps.systemOf);
    if (!source || !target) {
      const [side, system] = !source ? [flow.source, deps.systemOf(flow.source.connection)] : [flow.target, deps.systemOf(flow.target.connection)];
      deps.logger.warn({ flowId: flow.id }, `flow not offered to the Salesforce mapping editor: no field catalog for ${system ?? side.connection} ${side.entity}`);
      continue;
    }
    const mapping: MappingRow[] = [];
    const locked: FlowCatalogEntry['locked'] = [];
    for (const entry of flow.mapping) {
      const form = entryForm(entry, source);
      if (form.kind === 'row') mapping.push(form.row);
      else if (form.kind === 'locked') locked.push({ target: entry.target, reason: form.reason });
    }
    // The match field is written from the match key, read-only fields by the system, locked targets by their entry.
    const notTargets = new Set([flow.target.matchField, ...locked.map((l) => l.target)].map((name) => name.toLowerCase()));
    entries.push({
      id: flow.id,
      name: flow.name,
      source: endpoint(source, catalogFields(source)),
      target: endpoint(target, catalogFields(target).filter((f) => !f.readOnly && !notTargets.has(f.name.toLowerCase()))),
      mapping,
      locked,
      ...(deps.rejectedRows ? { rejectedRows: deps.rejectedRows(flow.id) } : {}),
    });
  }
  return entries;
}
