/**
 * The header row of an ingest job's CSV: each name is a field of the job's object, or a relationship column
 * `RelationshipName.IndexedFieldName` (e.g. `Parent.GP_Customer_Number__c`, `Account__r.External_Id__c`) that
 * names the parent by one of its unique fields. [V] ("Prepare CSV Files", "Relationship Fields in a Header Row")
 * - An unknown name fails the job with `InvalidBatch : Field name not found : <name>`. [C] (amp-labs/connectors#118,
 *   heroku/salesforce-bulk#101, jsforce#688)
 * - The header row holds at most 32,000 characters. [V] The failure text is [U].
 * - A name given twice fails the job [U: text].
 * Names match case-insensitively, as field names do in the REST API [U for Bulk API 2.0].
 */
import type { SObjectField } from '../schema/field-spec.ts';
import type { IndexedSObjectSchema } from '../schema/object-schema.ts';
import type { SchemaRegistry } from '../schema/registry.ts';
import { CsvFormatError } from './csv.ts';

export const MAX_HEADER_CHARS = 32_000;

export type IngestColumn =
  | { kind: 'field'; header: string; field: SObjectField }
  | { kind: 'relationship'; header: string; reference: SObjectField; target: IndexedSObjectSchema; targetField: SObjectField };

function isLookupKey(field: SObjectField): boolean {
  return field.name === 'Id' || field.externalId || field.unique;
}

function resolveRelationship(header: string, schema: IndexedSObjectSchema, registry: SchemaRegistry): IngestColumn | undefined {
  const dot = header.indexOf('.');
  if (dot <= 0) return undefined;
  const reference = schema.relationship(header.slice(0, dot));
  if (!reference) return undefined;
  const target = reference.referenceTo.map((name) => registry.get(name)).find((s) => s !== undefined);
  const targetField = target?.field(header.slice(dot + 1));
  if (!target || !targetField || !isLookupKey(targetField)) return undefined;
  return { kind: 'relationship', header, reference, target, targetField };
}

/** Maps the header row to columns; throws CsvFormatError (the job's errorMessage) when it cannot. */
export function resolveIngestColumns(header: readonly string[], schema: IndexedSObjectSchema, registry: SchemaRegistry): IngestColumn[] {
  if (header.join(',').length > MAX_HEADER_CHARS) {
    throw new CsvFormatError(`InvalidBatch : The header row is longer than ${MAX_HEADER_CHARS} characters`);
  }
  const seen = new Set<string>();
  return header.map((name) => {
    const key = name.toLowerCase();
    if (seen.has(key)) throw new CsvFormatError(`InvalidBatch : Duplicate field name : ${name}`);
    seen.add(key);
    const field = schema.field(name);
    if (field) return { kind: 'field', header: name, field };
    const relationship = resolveRelationship(name, schema, registry);
    if (relationship) return relationship;
    throw new CsvFormatError(`InvalidBatch : Field name not found : ${name}`);
  });
}
