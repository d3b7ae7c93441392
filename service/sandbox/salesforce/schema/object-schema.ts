import type { SObjectField } from './field-spec.ts';

/** Read access a computed (formula / roll-up) field needs to the rest of the org. */
export interface RecordLookup {
  childrenOf(sobject: string, referenceField: string, parentId: string): ReadonlyArray<Readonly<Record<string, unknown>>>;
}

export type ComputeField = (record: Readonly<Record<string, unknown>>, lookup: RecordLookup) => unknown;

export interface SObjectSchema {
  name: string;
  label: string;
  keyPrefix: string;
  custom: boolean;
  /** Fields in describe order. */
  fields: SObjectField[];
  /** Read-only fields derived on read (Contact.Name, OrderItem.TotalPrice, Order.TotalAmount). */
  computed: Record<string, ComputeField>;
  /** Auto-number fields assigned on create (Order.OrderNumber). */
  autoNumber: Record<string, { width: number }>;
}

/** A schema with a case-insensitive field index (API names are case-insensitive in REST bodies and SOQL). */
export interface IndexedSObjectSchema extends SObjectSchema {
  field(name: string): SObjectField | undefined;
  /** Reference field whose relationshipName is `name` (case-insensitive), e.g. 'Account' → AccountId. */
  relationship(name: string): SObjectField | undefined;
}

export function indexSchema(schema: SObjectSchema): IndexedSObjectSchema {
  const byName = new Map(schema.fields.map((f) => [f.name.toLowerCase(), f]));
  const byRelationship = new Map(
    schema.fields.filter((f) => f.relationshipName).map((f) => [String(f.relationshipName).toLowerCase(), f]),
  );
  return {
    ...schema,
    field: (name) => byName.get(name.toLowerCase()),
    relationship: (name) => byRelationship.get(name.toLowerCase()),
  };
}
