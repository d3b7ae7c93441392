/**
 * Vendor shapes, each as the OAS gives it for its operation (they differ, and a client must cope):
 * - OptimizedVendor (`vendors_list`, `Vendors_partialUpdate`): *_ref nested terms, overall_score a decimal string;
 * - VendorDetail (`vendors_create`, `vendors_retrieve`): like VendorRead plus `performance`;
 * - Vendor (`vendors_update`, PUT): *_ref as integer ids;
 * - VendorRead (nested in POs and order items), SimpleVendor (PurchaseOrderReadDocs).
 * Payment methods and credit cards are not modelled (always empty lists).
 */
import type { Vendor } from './model.ts';
import { term, type SerializeContext } from './serialize-common.ts';

type Json = Record<string, unknown>;

function baseFields(ctx: SerializeContext, vendor: Vendor): Json {
  return {
    id: vendor.id,
    name: vendor.name,
    active: vendor.active,
    addressLineOne: vendor.addressLineOne,
    addressLineTwo: vendor.addressLineTwo,
    postalCode: vendor.postalCode,
    city: vendor.city,
    state_province: vendor.state_province,
    country: vendor.country,
    phoneOne: vendor.phoneOne,
    phoneTwo: vendor.phoneTwo,
    fax: vendor.fax,
    email: [...vendor.email],
    comments: vendor.comments,
    contact: vendor.contact,
    url: vendor.url,
    external_id: vendor.external_id,
    dateModified: ctx.at(vendor.modifiedAt),
    currency: vendor.currency,
  };
}

function nestedRefs(ctx: SerializeContext, vendor: Vendor): Json {
  const ref = (table: 'paymentTerms' | 'shippingTerms' | 'paymentMethods' | 'shippingMethods', id: number | null): Json | null => {
    const row = id === null ? undefined : ctx.data[table].get(id);
    return row ? term(row) : null;
  };
  return {
    payment_term_ref: ref('paymentTerms', vendor.payment_term_ref),
    shipping_term_ref: ref('shippingTerms', vendor.shipping_term_ref),
    payment_method_ref: ref('paymentMethods', vendor.payment_method_ref),
    shipping_method_ref: ref('shippingMethods', vendor.shipping_method_ref),
  };
}

function tailFields(vendor: Vendor): Json {
  return {
    payment_methods: [],
    tax: vendor.tax,
    type: vendor.type,
    default_payment_method: vendor.default_payment_method,
    creditcards: [],
    is_1099_eligible: vendor.is_1099_eligible,
  };
}

const scoreAsNumber = (vendor: Vendor): number | null => (vendor.overall_score === null ? null : Number(vendor.overall_score));

export function vendorRead(ctx: SerializeContext, vendor: Vendor): Json {
  return {
    ...baseFields(ctx, vendor),
    ...nestedRefs(ctx, vendor),
    ...tailFields(vendor),
    overall_score: scoreAsNumber(vendor),
    is_auto_email_po_enabled: vendor.is_auto_email_po_enabled,
    po_pdf_labels: vendor.po_pdf_labels,
  };
}

export function optimizedVendor(ctx: SerializeContext, vendor: Vendor): Json {
  return { ...vendorRead(ctx, vendor), overall_score: vendor.overall_score };
}

export function vendorDetail(ctx: SerializeContext, vendor: Vendor): Json {
  return { ...vendorRead(ctx, vendor), performance: null };
}

export function vendorFlat(ctx: SerializeContext, vendor: Vendor): Json {
  return {
    ...baseFields(ctx, vendor),
    payment_term_ref: vendor.payment_term_ref,
    shipping_term_ref: vendor.shipping_term_ref,
    payment_method_ref: vendor.payment_method_ref,
    shipping_method_ref: vendor.shipping_method_ref,
    ...tailFields(vendor),
    overall_score: scoreAsNumber(vendor),
    is_auto_email_po_enabled: vendor.is_auto_email_po_enabled,
    po_pdf_labels: vendor.po_pdf_labels,
  };
}

export function simpleVendor(vendor: Vendor): Json {
  const body: Json = {
    id: vendor.id,
    name: vendor.name,
    active: vendor.active,
    addressLineOne: vendor.addressLineOne,
    addressLineTwo: vendor.addressLineTwo,
    postalCode: vendor.postalCode,
    city: vendor.city,
    state_province: vendor.state_province,
    country: vendor.country,
    is_auto_email_po_enabled: vendor.is_auto_email_po_enabled,
  };
  if (vendor.overall_score !== null) body.overall_score = vendor.overall_score;
  return body;
}
