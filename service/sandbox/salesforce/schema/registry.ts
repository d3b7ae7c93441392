import { completeField, fieldFromSpec, type CustomSchema } from './field-spec.ts';
import { indexSchema, type IndexedSObjectSchema, type SObjectSchema } from './object-schema.ts';
import { createStandardObjects } from './standard-objects.ts';

export interface SchemaRegistry {
  readonly namespace: string;
  get(sobject: string): IndexedSObjectSchema | undefined;
  byKeyPrefix(prefix: string): IndexedSObjectSchema | undefined;
  list(): IndexedSObjectSchema[];
  /** `Foo__c` → `ns__Foo__c` when the org has a namespace (SALESFORCE-PACKAGE.md §6); other names unchanged. */
  qualify(name: string): string;
}

const LOCAL_CUSTOM_NAME_RE = /^[A-Za-z][A-Za-z0-9_]*?__(c|r|mdt|e)$/;

export function qualifyCustomName(name: string, namespace: string): string {
  if (!namespace || !LOCAL_CUSTOM_NAME_RE.test(name)) return name;
  // A name that already carries a prefix has two double underscores: ns__Foo__c.
  if (name.split('__').length > 2) return name;
  return `${namespace}__${name}`;
}

function customKeyPrefix(index: number): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return `a${alphabet.charAt(Math.floor(index / 36))}${alphabet.charAt(index % 36)}`;
}

function createCustomObject(name: string, index: number): SObjectSchema {
  const standardShape = createStandardObjects()[0];
  if (!standardShape) throw new Error('standard objects missing');
  const system = standardShape.fields.filter((f) =>
    ['Id', 'IsDeleted', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp', 'OwnerId'].includes(f.name),
  );
  return {
    name,
    label: name.replace(/__c$/, '').replace(/^.*__/, '').replace(/_/g, ' '),
    keyPrefix: customKeyPrefix(index),
    custom: true,
    // The package's custom objects (ERP_Document__c, Field_Mapping__c) have AutoNumber names: a record created
    // without a Name gets the next number. A Name given on create is still taken (older seeds set one).
    fields: [...system, completeField({ name: 'Name', type: 'string', label: 'Name', length: 80, nillable: false, defaultedOnCreate: true })],
    computed: {},
    autoNumber: { Name: { width: 6 } },
  };
}

/**
 * Builds the org's object model: the standard objects plus the package's custom fields and objects
 * (`customSchema`, the PACKAGE_SCHEMA shape), with the namespace applied to every custom name.
 */
export function createSchemaRegistry(opts: { customSchema?: CustomSchema; namespace?: string } = {}): SchemaRegistry {
  const namespace = opts.namespace ?? opts.customSchema?.namespace ?? '';
  if (namespace && !/^[A-Za-z][A-Za-z0-9]{0,14}$/.test(namespace)) {
    throw new Error(`namespace '${namespace}' is not a valid namespace prefix (1-15 letters/digits, starting with a letter)`);
  }
  const qualify = (name: string): string => qualifyCustomName(name, namespace);
  const objects = new Map<string, SObjectSchema>(createStandardObjects().map((o) => [o.name, o]));
  let customObjects = 0;

  for (const [objectName, fields] of Object.entries(opts.customSchema?.objects ?? {})) {
    let target = objects.get(objectName);
    if (!target) {
      if (!objectName.endsWith('__c')) throw new Error(`customSchema: unknown standard object '${objectName}'`);
      const apiName = qualify(objectName);
      target = objects.get(apiName) ?? createCustomObject(apiName, customObjects++);
      objects.set(apiName, target);
    }
    for (const [fieldName, spec] of Object.entries(fields)) {
      if (!fieldName.endsWith('__c')) throw new Error(`customSchema: ${objectName}.${fieldName} is not a custom field name (must end in __c)`);
      const apiName = qualify(fieldName);
      if (target.fields.some((f) => f.name.toLowerCase() === apiName.toLowerCase())) {
        throw new Error(`customSchema: ${objectName}.${apiName} is defined twice`);
      }
      target.fields.push(fieldFromSpec(apiName, spec, qualify));
    }
  }

  const indexed = new Map([...objects.values()].map((o) => [o.name.toLowerCase(), indexSchema(o)]));
  const byPrefix = new Map([...indexed.values()].map((o) => [o.keyPrefix, o]));
  return {
    namespace,
    get: (sobject) => indexed.get(sobject.toLowerCase()),
    byKeyPrefix: (prefix) => byPrefix.get(prefix),
    list: () => [...indexed.values()],
    qualify,
  };
}
