/**
 * Field catalogs: which fields one entity of one system offers, with the type, length and required flag the
 * Salesforce mapping editor (`mappingEditor` LWC) validates against, and which the service checks mapping rows
 * read from Salesforce against. Names compare case-insensitively, as Salesforce and the editor do.
 */

/** The editor's type vocabulary (GET /api/salesforce/flows: `type`). */
export type CatalogFieldType = 'string' | 'number' | 'boolean' | 'date' | 'datetime';

export interface CatalogField {
  readonly name: string;
  readonly type: CatalogFieldType;
  /** Longest text value (string fields). */
  readonly length?: number;
  readonly required?: boolean;
  /**
   * Read, never written by the connector (record ids, numbers and totals the system computes): a source, not a
   * mapping target. Not sent to the editor as a target.
   */
  readonly readOnly?: boolean;
}

/**
 * A source field made of several fields, read together and passed as an array to the first transform (e.g. GP's
 * three address lines for `joinLines`). It is how a multi-field source of a default mapping appears to the
 * editor, which offers one source field per target: the name stands for `parts`, in that order.
 */
export interface CompositeField extends CatalogField {
  readonly parts: readonly string[];
}

/**
 * An array field (a document's lines): not an editor field — a mapping entry fills it with `each`, mapping
 * every element with its own entries — but catalogued, so those entries can be checked against `item`.
 */
export interface ListField {
  readonly name: string;
  readonly item: EntityCatalog;
}

export interface EntityCatalog {
  readonly system: string;
  readonly entity: string;
  readonly fields: readonly CatalogField[];
  readonly composites?: readonly CompositeField[];
  readonly lists?: readonly ListField[];
}

export interface FieldCatalogs {
  find(system: string, entity: string): EntityCatalog | undefined;
  all(): readonly EntityCatalog[];
}

export function isComposite(field: CatalogField): field is CompositeField {
  return 'parts' in field;
}

/** Plain fields, then composites: what the editor lists as choosable source or target fields. */
export function catalogFields(catalog: EntityCatalog): CatalogField[] {
  return [...catalog.fields, ...(catalog.composites ?? [])];
}

/** The field (plain or composite) with this name, case-insensitively. */
export function findField(catalog: EntityCatalog, name: string): CatalogField | undefined {
  const lower = name.toLowerCase();
  return catalogFields(catalog).find((f) => f.name.toLowerCase() === lower);
}

/** The array field (document lines) with this name, case-insensitively. */
export function findList(catalog: EntityCatalog, name: string): ListField | undefined {
  const lower = name.toLowerCase();
  return (catalog.lists ?? []).find((l) => l.name.toLowerCase() === lower);
}

/** The composite whose parts are exactly these fields in this order (case-insensitively). */
export function findComposite(catalog: EntityCatalog, parts: readonly string[]): CompositeField | undefined {
  const wanted = parts.map((p) => p.toLowerCase()).join('\n');
  return (catalog.composites ?? []).find((c) => c.parts.map((p) => p.toLowerCase()).join('\n') === wanted);
}

function checkCatalog(c: EntityCatalog): void {
  const names = new Set<string>();
  for (const f of [...catalogFields(c), ...(c.lists ?? [])]) {
    if (names.has(f.name.toLowerCase())) throw new Error(`field catalog ${c.system}/${c.entity}: field "${f.name}" is listed twice`);
    names.add(f.name.toLowerCase());
  }
  for (const composite of c.composites ?? []) {
    const unknown = composite.parts.filter((p) => !c.fields.some((f) => f.name === p));
    if (unknown.length) throw new Error(`field catalog ${c.system}/${c.entity}: composite "${composite.name}" has unknown parts ${unknown.join(', ')}`);
  }
  for (const list of c.lists ?? []) checkCatalog(list.item);
}

export function createFieldCatalogs(catalogs: readonly EntityCatalog[]): FieldCatalogs {
  const key = (system: string, entity: string) => `${system}\n${entity.toLowerCase()}`;
  const byKey = new Map<string, EntityCatalog>();
  for (const c of catalogs) {
    if (byKey.has(key(c.system, c.entity))) throw new Error(`field catalog ${c.system}/${c.entity} is defined twice`);
    checkCatalog(c);
    byKey.set(key(c.system, c.entity), c);
  }
  return {
    find: (system, entity) => byKey.get(key(system, entity)),
    all: () => [...byKey.values()],
  };
}
