/**
 * Field mappings admins edit in Salesforce: the package's Field_Mapping__c, one row per target field of a flow
 * (`{ target, source, transform }`, text as the mapping editor saves it). The engine applies them over a flow's
 * defaults (flows/mapping-overrides.ts); this reads them, with the connection's namespace.
 */
import type { MappingOverrideRow, MappingOverrides } from '../../engine/connector.ts';
import type { SalesforceClient } from './client.ts';
import type { PackageField, PackageObject } from './package-schema.generated.ts';

const MAPPING_OBJECT = 'Field_Mapping__c' satisfies PackageObject;
const FIELDS = {
  flowId: 'Flow_Id__c',
  target: 'Target_Field__c',
  source: 'Source_Field__c',
  transform: 'Transform__c',
} as const satisfies Record<string, PackageField<typeof MAPPING_OBJECT>>;

function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

export function createSalesforceMappingOverrides(client: SalesforceClient): MappingOverrides {
  return {
    async read(flowId) {
      const q = (name: string) => client.names.qualify(name);
      const soql =
        `SELECT ${q(FIELDS.flowId)}, ${q(FIELDS.target)}, ${q(FIELDS.source)}, ${q(FIELDS.transform)} ` +
        `FROM ${q(MAPPING_OBJECT)} WHERE ${q(FIELDS.flowId)} = ${soqlString(flowId)} ORDER BY ${q(FIELDS.target)}`;
      const rows: MappingOverrideRow[] = [];
      for await (const record of client.query<Record<string, unknown>>(soql)) {
        const target = text(record[q(FIELDS.target)]);
        if (target === null) continue; // a row without a target names nothing to override
        rows.push({ target, source: text(record[q(FIELDS.source)]), transform: text(record[q(FIELDS.transform)]) });
      }
      return rows;
    },
  };
}
