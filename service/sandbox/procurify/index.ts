export { createProcurifySandbox, DEFAULT_DOMAIN, type ProcurifySandbox, type ProcurifySandboxOptions, type ProcurifyTenantHandle, type ProcurifyTenantOptions } from './sandbox.ts';
export type { ProcurifySandboxAdmin, ProcurifyTenantAdmin, RequisitionResult, VendorFields } from './admin.ts';
export type { ProcurifySettings } from './settings.ts';
export type { NewOrder, NewOrderLine, NewPurchaseOrder, PoRevision, ReceiptLine } from './procurement.ts';
export { ITEM_STATUS, ORDER_STATUS, PO_STATE, VENDOR_TYPE, type Order, type OrderItem, type PurchaseOrder, type Vendor } from './model.ts';
export { PROCURIFY_AUDIENCE } from './tokens.ts';
