/**
 * One tenant's records as the emulator keeps them. Field names follow Procurify's where a record maps one to one
 * onto an OAS schema; times are epoch milliseconds (rendered in the tenant's zone by the serializers) and money
 * and quantities are decimal strings. The OAS names the request "order" (`/api/v2/global/orders`, OrderRead) and
 * its lines "order items"; a PO's primary key is `procurify_PO` ("A unique integer value identifying this po").
 */
export const PO_STATE = { PURCHASED: 0, CANCELLED: 1, CLOSED: 3, PAID: 4, REOPENED: 5 } as const;
export type PoState = (typeof PO_STATE)[keyof typeof PO_STATE];

/** Order (request) status codes, OAS `Requisitions_getAllOrders` description [V]. */
export const ORDER_STATUS = { PENDING: 0, APPROVED: 1, REJECTED: 2, PURCHASED: 3, CANCELLED: 4, RECEIVED: 5, DRAFT: 6 } as const;
export type OrderStatus = (typeof ORDER_STATUS)[keyof typeof ORDER_STATUS];

/** Order item status codes, OAS `Requisitions_getAllOrderItems` description [V]. */
export const ITEM_STATUS = {
  PURCHASE_PENDING: 0,
  PURCHASE_INUSE: 1,
  RECEIVE_PENDING: 2,
  RECEIVED: 3,
  REJECTED_FOR_PURCHASE: 4,
  RECEIVE_PARTIAL: 5,
  FULFILLED: 6,
  APPROVAL_DENIED: 7,
  REQUEST_DRAFT: 8,
} as const;
export type ItemStatus = (typeof ITEM_STATUS)[keyof typeof ITEM_STATUS];

/** Vendor type codes, OAS `vendors_list` description [V]. */
export const VENDOR_TYPE = { OTHER: 1, HIDDEN: 2, PREFERRED: 3, REGULAR: 4, EMPLOYEE: 5, CC_PROVIDER: 6 } as const;

export interface Currency {
  id: number;
  name: string;
  description: string;
  rate: string;
  base: boolean;
  active: boolean;
}

export interface Address {
  id: number;
  name: string;
  addressLineOne: string;
  addressLineTwo: string;
  postalCode: string;
  city: string;
  state_province: string;
  country: string;
  createdAt: number;
  updatedAt: number;
}

export interface Location {
  id: number;
  name: string;
  external_id: string | null;
  currencyId: number;
  phoneOne: string;
  fax: string | null;
  email: string | null;
  url: string | null;
  billingAddressId: number;
  shippingAddressId: number;
  headquarter: boolean;
  active: boolean;
  createdAt: number;
}

export interface Department {
  id: number;
  locationId: number;
  name: string;
  external_id: string | null;
  active: boolean;
  punchout_email: string | null;
}

export interface AccountCode {
  id: number;
  code: string;
  description: string;
  account_type: number;
  active: boolean;
  parent: number | null;
}

/** A department × account code pair ("account", the budget line an order item is charged to). */
export interface Account {
  id: number;
  departmentId: number;
  accountCodeId: number;
  budget: string;
  active: boolean;
}

export interface User {
  id: number;
  /** The Django auth user id (`UserSummary.user`). */
  authUserId: number;
  firstName: string;
  lastName: string;
  email: string;
  departmentId: number;
  position: string | null;
  phone: string | null;
  is_active: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface Term {
  id: number;
  name: string;
  description: string | null;
  active: boolean;
}

export interface Vendor {
  id: number;
  name: string;
  active: boolean;
  addressLineOne: string | null;
  addressLineTwo: string | null;
  postalCode: string | null;
  city: string | null;
  state_province: string | null;
  country: string | null;
  phoneOne: string | null;
  phoneTwo: string | null;
  fax: string | null;
  email: string[];
  comments: string | null;
  contact: string | null;
  url: string | null;
  external_id: string | null;
  currency: number | null;
  payment_term_ref: number | null;
  shipping_term_ref: number | null;
  payment_method_ref: number | null;
  shipping_method_ref: number | null;
  tax: number | null;
  type: number;
  default_payment_method: number | null;
  is_1099_eligible: boolean | null;
  overall_score: string | null;
  is_auto_email_po_enabled: boolean;
  po_pdf_labels: string;
  modifiedAt: number;
}

/** A request ("order" in the API): header of a requisition. */
export interface Order {
  id: number;
  uuid: string;
  requesterId: number;
  departmentId: number;
  locationId: number;
  currencyId: number;
  description: string | null;
  createdAt: number;
  dateRequired: number;
  modifiedAt: number;
  status: OrderStatus;
  approverId: number;
}

export interface OrderItem {
  id: number;
  orderId: number;
  name: string;
  sku: string;
  unit: string;
  quantity: string;
  price: string;
  currencyId: number;
  accountId: number;
  vendorId: number;
  status: ItemStatus;
  approvedAt: number | null;
  approvedPrice: string | null;
  approvedQuantity: string | null;
  approverId: number | null;
  purchaseOrderId: number | null;
  poLineNum: number | null;
  purchaserId: number | null;
  purchasedAt: number | null;
  receivedPassQty: string;
  receivedFailQty: string;
  lineComment: string | null;
  poNote: string;
  taxAmount: string | null;
  shippingAmount: string | null;
  createdAt: number;
  modifiedAt: number;
}

/** The buyer_* / receiver_* block of a PO: an address chosen from the tenant's, copied onto the PO. */
export interface PartySnapshot {
  addressId: number;
  name: string;
  contact: string;
  addressLineOne: string;
  postalCode: string;
  city: string;
  state_province: string;
  country: string;
}

export interface PriceModifier {
  type: 'amount' | 'percentage';
  value: number;
}

export interface PurchaseOrder {
  procurifyPO: number;
  uuid: string;
  version: number;
  PO_Num: string | null;
  purchaserId: number;
  vendorId: number;
  /** The vendor's name and address as printed on the PO (the vendor_* fields), copied when it was issued. */
  vendorSnapshot: Pick<Vendor, 'name' | 'contact' | 'addressLineOne' | 'postalCode' | 'city' | 'state_province' | 'country'>;
  locationId: number;
  buyer: PartySnapshot;
  receiver: PartySnapshot;
  paymentTermId: number;
  shippingTermId: number;
  shippingMethodId: number;
  promiseDate: number;
  freight: string | null;
  tax: PriceModifier | null;
  discount: PriceModifier | null;
  other: string | null;
  comment: string | null;
  currencyId: number;
  currencyRate: string;
  state: PoState;
  createdAt: number;
  recordedAt: number | null;
  closedAt: number | null;
  modifiedAt: number;
  expiryDate: number | null;
  disclaimerDescription: string | null;
  disclaimerText: string | null;
}
