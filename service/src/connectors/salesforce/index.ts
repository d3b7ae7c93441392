/**
 * Salesforce (REST + Change Data Capture over the Pub/Sub API) as one connector module. Folder: config · auth ·
 * client · errors · feeds/ (CDC) · writers/ (collections upsert / update) · catalog (standard fields + the package's,
 * from package-schema.generated.ts) · mapping-overrides (Field_Mapping__c) · connection-test. No push face: changes
 * arrive on the CDC stream the feeds hold open.
 */
import type { ConnectorModule } from '../../engine/connector.ts';
import { SALESFORCE_CATALOG } from './catalog.ts';
import { salesforceSettingsSchema } from './config.ts';
import { checkSalesforceConnection, createSalesforceRuntime, SALESFORCE_SECRET_KEYS } from './runtime.ts';

export const salesforceModule: ConnectorModule = {
  system: 'salesforce',
  displayName: 'Salesforce',
  configSchema: salesforceSettingsSchema,
  secretKeys: SALESFORCE_SECRET_KEYS,
  validate: checkSalesforceConnection,
  create: createSalesforceRuntime,
  catalog: SALESFORCE_CATALOG,
  transforms: {},
};
