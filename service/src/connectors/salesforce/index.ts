export { createSalesforceAuth, type SalesforceAuth, type SalesforceSession } from './auth.ts';
export { createSalesforceClient, type QueryPage, type SalesforceClient, type SalesforceClientDeps, type UpsertResultItem } from './client.ts';
export { parseSalesforceConfig, salesforceConfigSchema, type SalesforceConfig, type SalesforceConfigInput } from './config.ts';
export { categorizeStatusCode, mapHttpFailure } from './errors.ts';
export { parseLimitInfo, type ApiLimits } from './limit-info.ts';
export { createNamespacer, type Namespacer } from './namespace.ts';
export { createUpsertWriter, MAX_COLLECTION_RECORDS, type UpsertWriterOptions } from './upsert-writer.ts';
export { detectNamespace } from './detect-namespace.ts';
