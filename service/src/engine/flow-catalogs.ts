/**
 * The catalogs of one flow: its source entity's catalog plus the fields of the child records it includes, and
 * its target entity's catalog as that flow may write it.
 *
 * - Included records (`source.include`, e.g. an Account's Contacts as `contacts`) are read as an array; a single
 *   source field reads the first one by dot path, so each included field appears as `<as>.0.<field>`
 *   (`contacts.0.Email`), typed from the child entity's catalog. A relationship path of the child
 *   (`Product2.GP_Item_Number__c` of an OrderItem) is typed from the related object when the child has the
 *   lookup `<Relationship>Id` and the system has a catalog of that name; an included field that resolves to
 *   nothing is left out (a row naming it is refused as an unknown source field).
 * - A flow that only updates records that exist — it matches on `Id`, or its match key comes from another
 *   flow's links (`matchKey.lookup`) — requires nothing: the target's required flags are dropped.
 */
import type { FlowDefinition } from './flow.ts';
import { findField, isComposite, type CatalogField, type EntityCatalog, type FieldCatalogs } from './catalog.ts';

export interface FlowCatalogs {
  source: EntityCatalog | undefined;
  target: EntityCatalog | undefined;
}

/** A plain field of `entity` by path, following one lookup relationship (`Product2.ProductCode`). */
export function resolveFieldPath(catalogs: FieldCatalogs, system: string, entity: string, path: string): CatalogField | undefined {
  const catalog = catalogs.find(system, entity);
  if (!catalog) return undefined;
  const direct = findField(catalog, path);
  if (direct) return isComposite(direct) ? undefined : direct;
  const dot = path.indexOf('.');
  if (dot <= 0) return undefined;
  const relationship = path.slice(0, dot);
  if (!findField(catalog, `${relationship}Id`)) return undefined;
  const related = catalogs.find(system, relationship);
  const field = related && findField(related, path.slice(dot + 1));
  return field && !isComposite(field) ? field : undefined;
}

/** Whether the flow can only update target records that exist (so no target field is required). */
export function updatesOnly(flow: Pick<FlowDefinition, 'target' | 'matchKey'>): boolean {
  return flow.target.matchField.toLowerCase() === 'id' || flow.matchKey.lookup !== undefined;
}

function includedFields(flow: FlowDefinition, catalogs: FieldCatalogs, system: string): CatalogField[] {
  const out: CatalogField[] = [];
  for (const inc of flow.source.include) {
    for (const path of inc.fields ?? []) {
      const field = resolveFieldPath(catalogs, system, inc.entity, path);
      if (field) out.push({ name: `${inc.as}.0.${path}`, type: field.type, ...(field.length !== undefined ? { length: field.length } : {}), readOnly: true });
    }
  }
  return out;
}

export function catalogsOfFlow(flow: FlowDefinition, catalogs: FieldCatalogs, systemOf: (connectionId: string) => string | undefined): FlowCatalogs {
  const sourceSystem = systemOf(flow.source.connection);
  const targetSystem = systemOf(flow.target.connection);
  const source = sourceSystem === undefined ? undefined : catalogs.find(sourceSystem, flow.source.entity);
  const target = targetSystem === undefined ? undefined : catalogs.find(targetSystem, flow.target.entity);
  const included = source && sourceSystem !== undefined ? includedFields(flow, catalogs, sourceSystem) : [];
  return {
    source: source && included.length > 0 ? { ...source, fields: [...source.fields, ...included] } : source,
    target: target && updatesOnly(flow) ? { ...target, fields: target.fields.map(({ required: _required, ...f }) => f) } : target,
  };
}
