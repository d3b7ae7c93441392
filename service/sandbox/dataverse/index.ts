export { createDataverseSandbox, type DataverseSandbox, type DataverseSandboxOptions } from './sandbox.ts';
export type { DataverseSandboxAdmin, WebhookRegistration } from './admin.ts';
export type { DeliveryRecord, WebhookSettings, WebhookStats } from './webhook-notifier.ts';
export type { ServiceProtectionSettings } from './rate-limits.ts';
export type { ExpiredTokenError } from './change-tracking.ts';
export type { ColumnInput, ColumnType } from './schema.ts';
export { PAYMENT_TERMS_OPTIONS } from './standard-tables.ts';
