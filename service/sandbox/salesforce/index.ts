export { createSalesforceSandbox, type SalesforceSandbox, type SalesforceSandboxOptions } from './sandbox.ts';
export type { CustomSchema, FieldSpec } from './schema/field-spec.ts';
export type { ChangeListener, ChangeType, RecordChange, SfRecord } from './record-store.ts';
export type { RecordRule } from './record-rules.ts';
export type { EndpointLabel } from './endpoint-label.ts';
export { qualifyCustomName } from './schema/registry.ts';
