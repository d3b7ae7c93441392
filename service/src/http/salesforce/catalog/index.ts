/**
 * The built-in field catalogs, one per system and entity a flow template reads or writes. A flow whose side has
 * no catalog is not offered to the mapping editor, and mapping rows for it are not applied (the resolver says so).
 */
import { BUSINESS_CENTRAL_CATALOGS } from './business-central.ts';
import { GP_CUSTOMERS_CATALOG } from './dynamics-gp-customers.ts';
import { GP_RECEIVABLES_CATALOGS } from './dynamics-gp-receivables.ts';
import { createFieldCatalogs } from './field-catalog.ts';
import { SALESFORCE_CATALOGS } from './salesforce-objects.ts';

export const FIELD_CATALOGS = createFieldCatalogs([GP_CUSTOMERS_CATALOG, ...GP_RECEIVABLES_CATALOGS, ...BUSINESS_CENTRAL_CATALOGS, ...SALESFORCE_CATALOGS]);

export * from './field-catalog.ts';
export * from './flow-catalogs.ts';
