/**
 * GET /api/salesforce/flows: the flows of a Salesforce connection as the mapping editor sees them — each side's
 * system, entity and field catalog, and the default mapping as editor rows (mapping-rows.ts). A flow with a side
 * the service has no catalog for is left out: the editor could not check a mapping for it.
 */
import type { FlowDefinition } from '../../engine/flow.ts';
import type { Logger } from '../../lib/logger.ts';
import { catalogFields, type CatalogField, type EntityCatalog, type FieldCatalogs } from './catalog/index.ts';
import { renderMapping, type MappingRow } from './mapping-rows.ts';

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
    const sourceSystem = deps.systemOf(flow.source.connection);
    const targetSystem = deps.systemOf(flow.target.connection);
    const source = sourceSystem ? deps.catalogs.find(sourceSystem, flow.source.entity) : undefined;
    const target = targetSystem ? deps.catalogs.find(targetSystem, flow.target.entity) : undefined;
    if (!source || !target) {
      const missing = !source ? `${sourceSystem ?? flow.source.connection} ${flow.source.entity}` : `${targetSystem ?? flow.target.connection} ${flow.target.entity}`;
      deps.logger.warn({ flowId: flow.id }, `flow not offered to the Salesforce mapping editor: no field catalog for ${missing}`);
      continue;
    }
    const match = flow.target.matchField.toLowerCase();
    entries.push({
      id: flow.id,
      name: flow.name,
      source: endpoint(source, catalogFields(source)),
      // The match field is written from the match key, so it is not a mapping target.
      target: endpoint(target, catalogFields(target).filter((f) => f.name.toLowerCase() !== match)),
      mapping: renderMapping(flow.mapping, source),
      ...(deps.rejectedRows ? { rejectedRows: deps.rejectedRows(flow.id) } : {}),
    });
  }
  return entries;
}
