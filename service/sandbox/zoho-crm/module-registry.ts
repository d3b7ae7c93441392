/**
 * One org's modules and fields: the standard modules (standard-modules.ts) plus custom modules and custom fields
 * an admin adds (through the settings API or the sandbox admin). Every API module carries Zoho's system fields
 * Owner, Created_By, Modified_By, Created_Time, Modified_Time. Custom modules get the display field `Name`, the
 * upsert duplicate-check field for custom modules [V]. Custom field API names are derived from the label and
 * carry no suffix (Zoho has no `__c`).
 */
import { CUSTOM_FIELD_TYPES, DEFAULT_LENGTHS, apiNameFromLabel, type FieldDataType, type FieldDef } from './field-defs.ts';
import { zohoError } from './errors.ts';
import type { IdGenerator } from './ids.ts';
import { STANDARD_MODULES, type FieldSpec, type ModuleSpec } from './standard-modules.ts';

export interface ModuleDef {
  id: string;
  apiName: string;
  singularLabel: string;
  pluralLabel: string;
  scopeName: string;
  displayField: string;
  duplicateCheckField: string | null;
  custom: boolean;
  subformOf?: string;
  fields: Map<string, FieldDef>;
  createdAt: number | null;
  modifiedAt: number | null;
}

export interface CustomModuleInput {
  apiName?: string;
  pluralLabel: string;
  singularLabel?: string;
}

export interface CustomFieldInput {
  fieldLabel: string;
  apiName?: string;
  dataType: FieldDataType;
  length?: number;
  decimalPlace?: number;
  mandatory?: boolean;
  unique?: boolean;
  lookupModule?: string;
  picklist?: string[];
  external?: boolean;
}

export interface ModuleRegistry {
  get(apiName: string): ModuleDef | undefined;
  /** Modules reachable through the records API (no subforms). */
  apiModules(): ModuleDef[];
  all(): ModuleDef[];
  byId(id: string): ModuleDef | undefined;
  createModule(input: CustomModuleInput, now: number): ModuleDef;
  createField(moduleApiName: string, input: CustomFieldInput, now: number): FieldDef;
}

const API_NAME = /^[A-Za-z][A-Za-z0-9_]{0,49}$/;
const MAX_TEXT_LENGTH = 255;
const UNIQUE_CAPABLE: readonly FieldDataType[] = ['text', 'email', 'phone', 'website', 'integer', 'bigint'];

function metadataError(path: string, apiName: string, code: string, message: string, extra: Record<string, unknown> = {}) {
  return zohoError(400, code, message, { api_name: apiName, json_path: path, ...extra });
}

export function createModuleRegistry(ids: IdGenerator): ModuleRegistry {
  const modules = new Map<string, ModuleDef>();

  const fieldFrom = (spec: FieldSpec, custom: boolean, now: number | null): FieldDef => ({
    id: ids.next(),
    apiName: spec.apiName,
    label: spec.label,
    dataType: spec.dataType,
    length: spec.length ?? DEFAULT_LENGTHS[spec.dataType] ?? 0,
    decimalPlace: spec.decimalPlace ?? (spec.dataType === 'double' || spec.dataType === 'currency' ? 2 : null),
    mandatory: spec.mandatory ?? false,
    systemMandatory: !custom && (spec.mandatory ?? false),
    custom,
    unique: spec.unique ?? false,
    readOnly: spec.readOnly ?? false,
    lookupModule: spec.lookupModule,
    picklist: spec.picklist,
    subformModule: spec.subformModule,
    external: false,
    createdAt: now,
  });

  const systemFields = (singular: string): FieldSpec[] => [
    { apiName: 'Owner', label: `${singular} Owner`, dataType: 'ownerlookup' },
    { apiName: 'Created_By', label: 'Created By', dataType: 'ownerlookup', readOnly: true },
    { apiName: 'Modified_By', label: 'Modified By', dataType: 'ownerlookup', readOnly: true },
    { apiName: 'Created_Time', label: 'Created Time', dataType: 'datetime', readOnly: true },
    { apiName: 'Modified_Time', label: 'Modified Time', dataType: 'datetime', readOnly: true },
  ];

  const addModule = (spec: ModuleSpec, custom: boolean, now: number | null): ModuleDef => {
    const specs = spec.subformOf ? spec.fields : [...spec.fields, ...systemFields(spec.singularLabel)];
    const def: ModuleDef = {
      id: ids.next(),
      apiName: spec.apiName,
      singularLabel: spec.singularLabel,
      pluralLabel: spec.pluralLabel,
      scopeName: spec.scopeName,
      displayField: spec.displayField,
      duplicateCheckField: spec.duplicateCheckField,
      custom,
      subformOf: spec.subformOf,
      fields: new Map(specs.map((s) => [s.apiName, fieldFrom(s, false, null)])),
      createdAt: now,
      modifiedAt: now,
    };
    modules.set(def.apiName, def);
    return def;
  };

  for (const spec of STANDARD_MODULES) addModule(spec, false, null);

  return {
    get: (apiName) => modules.get(apiName),
    apiModules: () => [...modules.values()].filter((m) => !m.subformOf),
    all: () => [...modules.values()],
    byId: (id) => [...modules.values()].find((m) => m.id === id),
    createModule(input, now) {
      const plural = input.pluralLabel?.trim();
      if (!plural) throw metadataError('$.modules[0].plural_label', 'plural_label', 'MANDATORY_NOT_FOUND', 'required field not found');
      const apiName = input.apiName ?? apiNameFromLabel(plural);
      if (!API_NAME.test(apiName)) throw metadataError('$.modules[0].api_name', 'api_name', 'INVALID_DATA', 'invalid data');
      if ([...modules.keys()].some((k) => k.toLowerCase() === apiName.toLowerCase())) throw metadataError('$.modules[0].api_name', 'api_name', 'DUPLICATE_DATA', 'duplicate data');
      const singular = input.singularLabel?.trim() || plural;
      return addModule(
        { apiName, singularLabel: singular, pluralLabel: plural, scopeName: 'custom', displayField: 'Name', duplicateCheckField: 'Name', fields: [{ apiName: 'Name', label: `${singular} Name`, dataType: 'text', length: 120, mandatory: true }] },
        true,
        now,
      );
    },
    createField(moduleApiName, input, now) {
      const mod = modules.get(moduleApiName);
      if (!mod || mod.subformOf) throw zohoError(400, 'INVALID_MODULE', 'the module name given seems to be invalid', { resource_path_index: 0 });
      const label = input.fieldLabel?.trim();
      if (!label) throw metadataError('$.fields[0].field_label', 'field_label', 'MANDATORY_NOT_FOUND', 'required field not found');
      if (!CUSTOM_FIELD_TYPES.includes(input.dataType)) {
        throw metadataError('$.fields[0].data_type', 'data_type', 'INVALID_DATA', 'invalid data', { supported_values: [...CUSTOM_FIELD_TYPES] });
      }
      const apiName = input.apiName ?? apiNameFromLabel(label);
      if (!API_NAME.test(apiName)) throw metadataError('$.fields[0].api_name', 'api_name', 'INVALID_DATA', 'invalid data');
      const clash = [...mod.fields.values()].some((fd) => fd.apiName.toLowerCase() === apiName.toLowerCase() || fd.label.toLowerCase() === label.toLowerCase());
      if (clash) throw metadataError('$.fields[0].field_label', 'field_label', 'DUPLICATE_DATA', 'duplicate data');
      const maxLength = input.dataType === 'text' ? MAX_TEXT_LENGTH : undefined;
      if (input.length !== undefined && (!Number.isInteger(input.length) || input.length < 1 || (maxLength !== undefined && input.length > maxLength))) {
        throw metadataError('$.fields[0].length', 'length', 'INVALID_DATA', 'invalid data', maxLength === undefined ? {} : { maximum_length: maxLength });
      }
      if (input.unique && !UNIQUE_CAPABLE.includes(input.dataType)) throw metadataError('$.fields[0].unique', 'unique', 'INVALID_DATA', 'invalid data');
      if (input.dataType === 'lookup') {
        const target = input.lookupModule ? modules.get(input.lookupModule) : undefined;
        if (!target || target.subformOf) throw metadataError('$.fields[0].lookup.module', 'module', 'INVALID_DATA', 'invalid data');
      }
      if (input.dataType === 'picklist' && (!input.picklist || input.picklist.length === 0)) {
        throw metadataError('$.fields[0].pick_list_values', 'pick_list_values', 'MANDATORY_NOT_FOUND', 'required field not found');
      }
      const field = fieldFrom(
        { apiName, label, dataType: input.dataType, length: input.length, decimalPlace: input.decimalPlace, mandatory: input.mandatory, unique: input.unique, lookupModule: input.lookupModule, picklist: input.picklist },
        true,
        now,
      );
      field.external = input.external ?? false;
      mod.fields.set(apiName, field);
      mod.modifiedAt = now;
      return field;
    },
  };
}
