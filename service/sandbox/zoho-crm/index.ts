export { createZohoCrmSandbox, type ZohoCrmSandbox, type ZohoCrmSandboxOptions } from './sandbox.ts';
export type { ZohoSandboxAdmin, NewOrgInput, OrgScope } from './admin.ts';
export { DATA_CENTERS, DEFAULT_DATA_CENTERS, type DataCenter, type DataCenterUrls } from './data-centers.ts';
export { EDITIONS, DEFAULT_CREDIT_COSTS, type CreditOperation, type CreditUsage, type Edition } from './credits.ts';
export { DEFAULT_BEHAVIOUR, type BehaviourSettings } from './settings.ts';
export { DEFAULT_OAUTH, type OAuthSettings } from './oauth.ts';
export { DEFAULT_SANDBOX_SCOPES } from './scopes.ts';
export type { DeliveryRecord, NotifierStats } from './notifier.ts';
export type { CustomFieldInput } from './module-registry.ts';
