/**
 * GET /settings/modules and GET /settings/fields bodies (modules.json / fields.json v8 [V] property names and
 * types; the keys chosen are those of the published GET examples that matter to an integration). Custom fields
 * show `custom_field: true`, unique ones `unique: {casesensitive: "false"}`, external-id fields `external:
 * {show, type}`, lookups `lookup.module`. Field-level `mandatory` for custom fields is layout metadata in Zoho and
 * not part of this body; `system_mandatory` marks the standard mandatory fields.
 */
import { formatZohoDateTime } from './clock.ts';
import { JSON_TYPES, type FieldDef } from './field-defs.ts';
import type { ModuleDef } from './module-registry.ts';
import type { Org } from './org.ts';
import type { Json } from './record-shapes.ts';

const time = (org: Org, ms: number | null): string | null => (ms === null ? null : formatZohoDateTime(ms, org.timeZoneOffsetMinutes));

export function renderModule(org: Org, mod: ModuleDef): Json {
  return {
    id: mod.id,
    api_name: mod.apiName,
    module_name: mod.apiName,
    singular_label: mod.singularLabel,
    plural_label: mod.pluralLabel,
    actual_singular_label: mod.singularLabel,
    actual_plural_label: mod.pluralLabel,
    generated_type: mod.custom ? 'custom' : 'default',
    api_supported: !mod.subformOf,
    creatable: !mod.subformOf,
    editable: true,
    deletable: !mod.subformOf,
    viewable: true,
    convertable: mod.apiName === 'Leads',
    global_search_supported: !mod.subformOf,
    recycle_bin_on_delete: !mod.subformOf,
    show_as_tab: !mod.subformOf,
    access_type: 'org_based',
    status: mod.subformOf ? 'system_hidden' : 'visible',
    parent_module: mod.subformOf ? { api_name: mod.subformOf, id: org.modules.get(mod.subformOf)?.id ?? null } : {},
    modified_time: time(org, mod.modifiedAt),
    modified_by: mod.custom ? { name: org.primaryUser.name, id: org.primaryUser.id } : null,
    web_link: null,
    presence_sub_menu: !mod.subformOf,
    sequence_number: org.modules.all().indexOf(mod) + 1,
    arguments: [],
    profiles: [{ name: 'Administrator', id: org.adminProfileId }],
  };
}

export function renderField(org: Org, field: FieldDef, mods: (apiName: string) => ModuleDef | undefined): Json {
  const lookupTarget = field.lookupModule ? mods(field.lookupModule) : undefined;
  const subform = field.subformModule ? mods(field.subformModule) : undefined;
  return {
    id: field.id,
    api_name: field.apiName,
    field_label: field.label,
    display_label: field.label,
    data_type: field.dataType,
    json_type: JSON_TYPES[field.dataType],
    length: field.length,
    decimal_place: field.decimalPlace,
    system_mandatory: field.systemMandatory,
    custom_field: field.custom,
    read_only: field.readOnly,
    field_read_only: field.readOnly,
    visible: true,
    searchable: field.dataType !== 'subform',
    sortable: field.dataType !== 'subform',
    filterable: field.dataType !== 'subform',
    mass_update: !field.readOnly,
    unique: field.unique ? { casesensitive: 'false' } : {},
    external: field.external ? { show: true, type: 'user', allow_multiple_config: false } : null,
    lookup: lookupTarget
      ? { display_label: lookupTarget.singularLabel, api_name: field.apiName, module: { api_name: lookupTarget.apiName, id: lookupTarget.id }, id: field.id, query_details: {}, revalidate_filter_during_edit: false, show_fields: [] }
      : {},
    associated_module: subform ? { api_name: subform.apiName, id: subform.id } : null,
    pick_list_values: (field.picklist ?? []).map((v, i) => ({ display_value: v, actual_value: v, sequence_number: i + 1, id: `${field.id.slice(0, -3)}${String(100 + i).slice(-3)}`, type: 'used' })),
    created_source: field.custom ? 'crm' : 'default',
    created_time: time(org, field.createdAt),
    modified_time: time(org, field.createdAt),
    type: 'used',
  };
}
