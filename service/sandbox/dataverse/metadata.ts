/**
 * Table definitions through the Web API (query-metadata-web-api.md, use-change-tracking-….md [V]):
 * - `EntityDefinitions(LogicalName='account')?$select=ChangeTrackingEnabled` (also by MetadataId, and the
 *   collection with `$filter=LogicalName eq '…'` / `ChangeTrackingEnabled eq true`);
 * - `…/Attributes(LogicalName='paymenttermscode')/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName
 *   &$expand=OptionSet($select=Options)` in the v9.2 response shape (Value, Color, IsManaged, ExternalValue,
 *   ParentValues, Tag, IsHidden, MetadataId, HasChanged, Label / Description with LocalizedLabels and
 *   UserLocalizedLabel, language 1033);
 * - `POST …/Attributes` with a `Microsoft.Dynamics.CRM.<Type>AttributeMetadata` body to add a custom column — the
 *   simplified "solution import" (SchemaName with the publisher prefix, MaxLength, OptionSet.Options) [U: only
 *   those properties are read];
 * - the unbound actions `InsertOptionValue` (→ `{ NewOptionValue }`) and `UpdateOptionValue` (→ 204) with the
 *   documented parameters [V names], and `PublishXml` / `PublishAllXml` accepted as no-ops (labels apply at once here).
 */
import { dvError, payloadError, propertyNotFound, queryError, segmentNotFound } from './errors.ts';
import { json, noContent, type ApiRequest } from './responses.ts';
import type { ColumnDef, ColumnType, OptionDef, Schema, TableDef } from './schema.ts';

const TYPE_NAMES: Record<ColumnType, [string, string]> = {
  uniqueidentifier: ['AttributeMetadata', 'Uniqueidentifier'],
  string: ['StringAttributeMetadata', 'String'],
  memo: ['MemoAttributeMetadata', 'Memo'],
  integer: ['IntegerAttributeMetadata', 'Integer'],
  bigint: ['BigIntAttributeMetadata', 'BigInt'],
  decimal: ['DecimalAttributeMetadata', 'Decimal'],
  double: ['DoubleAttributeMetadata', 'Double'],
  money: ['MoneyAttributeMetadata', 'Money'],
  boolean: ['BooleanAttributeMetadata', 'Boolean'],
  datetime: ['DateTimeAttributeMetadata', 'DateTime'],
  picklist: ['PicklistAttributeMetadata', 'Picklist'],
  state: ['StateAttributeMetadata', 'State'],
  status: ['StatusAttributeMetadata', 'Status'],
  lookup: ['LookupAttributeMetadata', 'Lookup'],
};
const CREATABLE: Record<string, ColumnType> = {
  'Microsoft.Dynamics.CRM.StringAttributeMetadata': 'string',
  'Microsoft.Dynamics.CRM.MemoAttributeMetadata': 'memo',
  'Microsoft.Dynamics.CRM.IntegerAttributeMetadata': 'integer',
  'Microsoft.Dynamics.CRM.DecimalAttributeMetadata': 'decimal',
  'Microsoft.Dynamics.CRM.DoubleAttributeMetadata': 'double',
  'Microsoft.Dynamics.CRM.MoneyAttributeMetadata': 'money',
  'Microsoft.Dynamics.CRM.BooleanAttributeMetadata': 'boolean',
  'Microsoft.Dynamics.CRM.DateTimeAttributeMetadata': 'datetime',
  'Microsoft.Dynamics.CRM.PicklistAttributeMetadata': 'picklist',
};

function label(text: string | null, metadataId: string) {
  if (text === null) return { LocalizedLabels: [], UserLocalizedLabel: null };
  const l = { Label: text, LanguageCode: 1033, IsManaged: true, MetadataId: metadataId, HasChanged: null };
  return { LocalizedLabels: [l], UserLocalizedLabel: l };
}

function optionJson(o: OptionDef) {
  return {
    Value: o.value,
    Color: null,
    IsManaged: o.isManaged,
    ExternalValue: o.externalValue,
    ParentValues: [],
    Tag: null,
    IsHidden: false,
    MetadataId: null,
    HasChanged: null,
    Label: label(o.label, o.labelMetadataId),
    Description: label(o.description, o.labelMetadataId),
  };
}

function entityJson(t: TableDef): Record<string, unknown> {
  return {
    MetadataId: t.metadataId,
    LogicalName: t.logicalName,
    SchemaName: t.schemaName,
    EntitySetName: t.entitySetName,
    LogicalCollectionName: t.entitySetName,
    ObjectTypeCode: t.objectTypeCode,
    PrimaryIdAttribute: t.primaryIdAttribute,
    PrimaryNameAttribute: t.primaryNameAttribute,
    ChangeTrackingEnabled: t.changeTrackingEnabled,
    IsCustomEntity: false,
    CanChangeTrackingBeEnabled: { Value: true, CanBeChanged: true, ManagedPropertyLogicalName: 'canchangetrackingbeenabled' },
  };
}

function attributeJson(t: TableDef, c: ColumnDef): Record<string, unknown> {
  const [typeName, attributeType] = TYPE_NAMES[c.type];
  return {
    '@odata.type': `#Microsoft.Dynamics.CRM.${typeName}`,
    MetadataId: c.metadataId,
    LogicalName: c.logicalName,
    SchemaName: c.schemaName,
    EntityLogicalName: t.logicalName,
    AttributeType: attributeType,
    IsCustomAttribute: c.isCustom,
    IsValidForCreate: c.validForCreate,
    IsValidForUpdate: c.validForUpdate,
    IsValidForRead: c.validForRead,
    ...(c.maxLength !== undefined && (c.type === 'string' || c.type === 'memo') ? { MaxLength: c.maxLength } : {}),
    ...(c.targets ? { Targets: c.targets.map((x) => x.table) } : {}),
  };
}

function pick(obj: Record<string, unknown>, select: string | null, typeName: string): Record<string, unknown> {
  if (select === null) return obj;
  const out: Record<string, unknown> = {};
  for (const name of select.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!(name in obj)) throw propertyNotFound(name, typeName);
    out[name] = obj[name];
  }
  if ('@odata.type' in obj) out['@odata.type'] = obj['@odata.type'];
  out.MetadataId = obj.MetadataId;
  return out;
}

/** `LogicalName eq 'x'` / `ChangeTrackingEnabled eq true` joined by `and` — enough for metadata look-ups. */
function metadataFilter(text: string | null, typeName: string): (o: Record<string, unknown>) => boolean {
  if (text === null) return () => true;
  const terms = text.split(/\s+and\s+/).map((term) => {
    const m = /^\s*(\w+)\s+eq\s+('(?:[^']|'')*'|true|false)\s*$/.exec(term);
    if (!m) throw queryError(`The filter '${term}' is not supported on ${typeName} here (use Property eq 'value').`);
    const value = (m[2] as string).startsWith("'") ? (m[2] as string).slice(1, -1).replace(/''/g, "'") : m[2] === 'true';
    return { name: m[1] as string, value };
  });
  return (o) =>
    terms.every((t) => {
      if (!(t.name in o)) throw propertyNotFound(t.name, typeName);
      return o[t.name] === t.value;
    });
}

function readString(body: Record<string, unknown>, name: string, required: boolean, action: string): string | undefined {
  const v = body[name];
  if (v === undefined || v === null) {
    if (required) throw dvError(400, '0x80040203', `Required parameter '${name}' of '${action}' is missing.`);
    return undefined;
  }
  if (typeof v !== 'string') throw dvError(400, '0x80040203', `Parameter '${name}' of '${action}' must be a string.`);
  return v;
}

function readLabel(body: Record<string, unknown>, name: string, required: boolean, action: string): string | undefined {
  const v = body[name] as { LocalizedLabels?: Array<{ Label?: unknown }> } | undefined;
  const text = v?.LocalizedLabels?.[0]?.Label;
  if (typeof text === 'string' && text.length > 0) return text;
  if (required) throw dvError(400, '0x80040203', `Required parameter '${name}' of '${action}' is missing or has no LocalizedLabels.`);
  return undefined;
}

function checkParameters(body: unknown, allowed: string[], action: string): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw dvError(400, '0x80048d19', `The request body of '${action}' must be a JSON object.`);
  for (const key of Object.keys(body)) {
    if (!key.startsWith('@') && !allowed.includes(key)) {
      throw dvError(400, '0x80048d19', `The parameter '${key}' in the request payload is not a valid parameter for the operation '${action}'.`);
    }
  }
  return body as Record<string, unknown>;
}

export function createMetadataRoutes(schema: Schema) {
  const tableBy = (inside: string): TableDef => {
    const m = /^LogicalName='([^']*)'$/.exec(inside);
    const t = m ? schema.table(m[1] as string) : schema.tables().find((x) => x.metadataId === inside.toLowerCase());
    if (!t) throw dvError(404, '0x80040217', `Could not find entity with ${m ? `logical name '${m[1] as string}'` : `MetadataId ${inside}`}.`);
    return t;
  };
  const columnBy = (t: TableDef, inside: string): ColumnDef => {
    const m = /^LogicalName='([^']*)'$/.exec(inside);
    const c = m ? t.columns.get(m[1] as string) : [...t.columns.values()].find((x) => x.metadataId === inside.toLowerCase());
    if (!c) throw dvError(404, '0x80040217', `Could not find attribute ${m ? `'${m[1] as string}'` : inside} on entity '${t.logicalName}'.`);
    return c;
  };

  function definitions(req: ApiRequest, segs: Array<{ name: string; key?: string }>): Response {
    const root = req.serviceRoot;
    const [, second, third] = segs;
    const head = segs[0] as { name: string; key?: string };
    if (head.key === undefined) {
      if (segs.length > 1 || req.method !== 'GET') throw segmentNotFound(second?.name ?? head.name);
      const match = metadataFilter(req.query.get('$filter'), 'EntityMetadata');
      const value = schema.tables().map(entityJson).filter(match).map((o) => pick(o, req.query.get('$select'), 'EntityMetadata'));
      return json(200, { '@odata.context': `${root}/$metadata#EntityDefinitions`, value });
    }
    const table = tableBy(head.key);
    if (!second) {
      if (req.method !== 'GET') throw segmentNotFound(head.name);
      const select = req.query.get('$select');
      return json(200, { '@odata.context': `${root}/$metadata#EntityDefinitions(${select ?? ''})/$entity`, ...pick(entityJson(table), select, 'EntityMetadata') });
    }
    if (second.name !== 'Attributes') throw segmentNotFound(second.name);
    if (second.key === undefined) {
      if (req.method === 'POST' && !third) return createAttribute(req, table);
      if (req.method !== 'GET' || third) throw segmentNotFound(third?.name ?? second.name);
      const match = metadataFilter(req.query.get('$filter'), 'AttributeMetadata');
      const value = [...table.columns.values()].map((c) => attributeJson(table, c)).filter(match).map((o) => pick(o, req.query.get('$select'), 'AttributeMetadata'));
      return json(200, { '@odata.context': `${root}/$metadata#EntityDefinitions('${table.logicalName}')/Attributes`, value });
    }
    const column = columnBy(table, second.key);
    const base = attributeJson(table, column);
    if (!third) return json(200, { '@odata.context': `${root}/$metadata#EntityDefinitions('${table.logicalName}')/Attributes/$entity`, ...pick(base, req.query.get('$select'), 'AttributeMetadata') });
    const cast = third.name;
    if (cast !== `Microsoft.Dynamics.CRM.${TYPE_NAMES[column.type][0]}` || segs.length > 3) throw segmentNotFound(cast);
    const out = pick(base, req.query.get('$select'), TYPE_NAMES[column.type][0]);
    delete out['@odata.type'];
    const expand = req.query.get('$expand');
    const parts = [...(req.query.get('$select') ?? '').split(',').filter(Boolean)];
    if (expand !== null) {
      if (!column.options || !/^OptionSet(\(\$select=Options\))?$/.test(expand)) throw queryError(`The $expand '${expand}' is not supported on ${TYPE_NAMES[column.type][0]} here.`);
      out.OptionSet = { MetadataId: column.optionSetMetadataId, Options: column.options.map(optionJson) };
      parts.push(expand === 'OptionSet' ? 'OptionSet' : 'OptionSet(Options)');
    }
    return json(200, {
      '@odata.context': `${root}/$metadata#EntityDefinitions('${table.logicalName}')/Attributes/${cast}(${parts.join(',')})/$entity`,
      ...out,
    });
  }

  function createAttribute(req: ApiRequest, table: TableDef): Response {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const type = CREATABLE[String(body['@odata.type'] ?? '').replace(/^#/, '')];
    if (!type) throw payloadError('EntityDefinitions', `The '@odata.type' '${String(body['@odata.type'])}' is not an attribute type this sandbox creates (${Object.keys(CREATABLE).join(', ')}).`);
    const schemaName = readString(body, 'SchemaName', true, 'CreateAttribute') as string;
    const options = ((body.OptionSet as { Options?: Array<{ Value?: unknown; Label?: { LocalizedLabels?: Array<{ Label?: string }> } }> } | undefined)?.Options ?? []).map((o) => {
      if (typeof o.Value !== 'number' || !Number.isInteger(o.Value)) throw dvError(400, '0x80040203', `Every option of '${schemaName}' needs a whole-number Value.`);
      return { value: o.Value, label: o.Label?.LocalizedLabels?.[0]?.Label ?? String(o.Value) };
    });
    const col = schema.addColumn(table.logicalName, {
      logicalName: schemaName.toLowerCase(),
      schemaName,
      type,
      maxLength: typeof body.MaxLength === 'number' ? body.MaxLength : undefined,
      minValue: typeof body.MinValue === 'number' ? body.MinValue : undefined,
      maxValue: typeof body.MaxValue === 'number' ? body.MaxValue : undefined,
      options: type === 'picklist' ? options : undefined,
    });
    return noContent({ 'odata-entityid': `${req.serviceRoot}/EntityDefinitions(${table.metadataId})/Attributes(${col.metadataId})` });
  }

  function action(req: ApiRequest, name: string): Response {
    if (req.method !== 'POST') throw dvError(404, '', `No HTTP resource was found that matches the request URI '${req.serviceRoot}/${name}'.`);
    if (name === 'PublishXml' || name === 'PublishAllXml') return noContent();
    if (name === 'InsertOptionValue') {
      const b = checkParameters(req.body, ['OptionSetName', 'AttributeLogicalName', 'EntityLogicalName', 'Value', 'Label', 'Description', 'SolutionUniqueName', 'Color', 'ExternalValue', 'IsHidden', 'ParentValues'], name);
      if (readString(b, 'OptionSetName', false, name)) throw dvError(400, '0x80040203', 'Global option sets are not emulated; give EntityLogicalName and AttributeLogicalName.');
      const value = b.Value === undefined || b.Value === null ? undefined : (b.Value as number);
      const newValue = schema.insertOption(readString(b, 'EntityLogicalName', true, name) as string, readString(b, 'AttributeLogicalName', true, name) as string, {
        value,
        label: readLabel(b, 'Label', true, name) as string,
        description: readLabel(b, 'Description', false, name) ?? null,
        externalValue: readString(b, 'ExternalValue', false, name) ?? null,
      });
      return json(200, { '@odata.context': `${req.serviceRoot}/$metadata#Microsoft.Dynamics.CRM.InsertOptionValueResponse`, NewOptionValue: newValue });
    }
    const b = checkParameters(req.body, ['OptionSetName', 'AttributeLogicalName', 'EntityLogicalName', 'Value', 'Label', 'Description', 'MergeLabels', 'SolutionUniqueName', 'Color', 'ExternalValue', 'IsHidden', 'ParentValues'], name);
    if (typeof b.MergeLabels !== 'boolean') throw dvError(400, '0x80040203', `Required parameter 'MergeLabels' of '${name}' is missing.`);
    if (typeof b.Value !== 'number') throw dvError(400, '0x80040203', `Required parameter 'Value' of '${name}' is missing.`);
    schema.updateOption(readString(b, 'EntityLogicalName', true, name) as string, readString(b, 'AttributeLogicalName', true, name) as string, {
      value: b.Value,
      label: readLabel(b, 'Label', true, name),
      description: readLabel(b, 'Description', false, name),
    });
    return noContent();
  }

  return { definitions, action };
}

export const METADATA_ACTIONS = new Set(['InsertOptionValue', 'UpdateOptionValue', 'PublishXml', 'PublishAllXml']);
