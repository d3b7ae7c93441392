export { createBcSandbox, type BcSandbox, type BcSandboxOptions } from './sandbox.ts';
export type { BcSandboxAdmin } from './admin.ts';
export type { DeliveryRecord, NotificationItem, NotifierStats } from './notifier.ts';
export type { Subscription } from './subscription-registry.ts';
export type { RateLimitSettings } from './rate-limits.ts';
export {
  COMPANY_SHAPE,
  CUSTOMER_PAYMENT_JOURNAL_SHAPE,
  CUSTOMER_PAYMENT_SHAPE,
  CUSTOMER_SHAPE,
  ITEM_SHAPE,
  SALES_INVOICE_LINE_SHAPE,
  SALES_INVOICE_SHAPE,
  SALES_ORDER_LINE_SHAPE,
  SALES_ORDER_SHAPE,
  type EntityShape,
  type FieldSpec,
} from './shapes.ts';
