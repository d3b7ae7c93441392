/**
 * The built-in field catalogs, one per system and entity a flow template reads or writes. A flow whose side has
 * no catalog is not offered to the mapping editor, and mapping rows for it are not applied (the resolver says so).
 */
import { GP_CUSTOMERS_CATALOG } from './dynamics-gp-customers.ts';
import { createFieldCatalogs } from './field-catalog.ts';
import { SALESFORCE_CATALOGS } from './salesforce-objects.ts';

export const FIELD_CATALOGS = createFieldCatalogs([GP_CUSTOMERS_CATALOG, ...SALESFORCE_CATALOGS]);

export * from './field-catalog.ts';
