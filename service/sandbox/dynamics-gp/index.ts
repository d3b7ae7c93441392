export { createGpSandbox, type GpSandbox, type GpSandboxCounters, type GpSandboxOptions } from './gp-sandbox.ts';
export { GP_SANDBOX_DEFAULT_USER, type GpSandboxUser } from './sandbox-users.ts';
export type { FaultSpec } from './faults.ts';
export { formatEconnectMessage } from './econnect-error.ts';
export { createGpUserAtWork, type GpUserAtWork, type GpUserAtWorkOptions, type GpUserEvent } from './gp-user-at-work.ts';
export type { GpDocumentsAdmin, PaymentInput } from './documents-admin.ts';
