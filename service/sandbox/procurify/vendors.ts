/**
 * Vendor writes (OAS `vendors_create` POST → 201, `vendors_update` PUT, `Vendors_partialUpdate` PATCH; FACTS §6.1 #9)
 * with the OptimizedVendorRequest / PatchedOptimizedVendorRequest rules: `name` (1–150), `email` (a list of
 * addresses), `type` (VendorTypeEnum 2|3|4|6|7 — OTHER 1 and EMPLOYEE 5 cannot be written) and `overall_score`
 * (nullable, but the OAS lists it as required) are required on create/PUT; lengths as the schema gives them.
 * The *_ref terms are written as `{name, description?, active?}` objects and matched by name (a new name adds the
 * term [U]). `currency` must be an existing currency id; `tax` and `default_payment_method` refer to records the
 * sandbox does not model, so only null passes. A duplicate non-null external_id is refused when
 * `uniqueVendorExternalId` is on [U].
 */
import type { SandboxClock } from './clock.ts';
import { validationError, type FieldErrors } from './errors.ts';
import { validateBody, type FieldSpec, type Fields } from './drf-validation.ts';
import { VENDOR_TYPE, type Term, type Vendor } from './model.ts';
import type { Table, TenantData } from './tenant-data.ts';

const text = (maxLength: number): FieldSpec => ({ type: 'string', maxLength, nullable: true, allowBlank: true });
const termRef: FieldSpec = {
  type: 'object',
  nullable: true,
  fields: { description: { type: 'string', nullable: true, allowBlank: true }, name: { type: 'string', required: true, maxLength: 100 }, active: { type: 'boolean' } },
};
const nothing: FieldSpec = { type: 'pk', nullable: true, exists: () => false };

/** VendorTypeEnum of the OAS [V]. */
export const WRITABLE_VENDOR_TYPES = [2, 7, 3, 4, 6] as const;

/**
 * The request fields of OptimizedVendorRequest. `refs: 'ids'` is the sandbox admin's variant (a UI user picks a
 * term from a list): *_ref fields take term ids and any vendor type may be set (OTHER, EMPLOYEE included).
 */
export function vendorFields(data: TenantData, refs: 'objects' | 'ids' = 'objects'): Fields {
  const byId = (table: Table<Term>): FieldSpec => ({ type: 'pk', nullable: true, exists: (id) => table.get(id) !== undefined });
  const refFields: Fields =
    refs === 'objects'
      ? { payment_term_ref: termRef, shipping_term_ref: termRef, payment_method_ref: termRef, shipping_method_ref: termRef }
      : { payment_term_ref: byId(data.paymentTerms), shipping_term_ref: byId(data.shippingTerms), payment_method_ref: byId(data.paymentMethods), shipping_method_ref: byId(data.shippingMethods) };
  return {
    name: { type: 'string', required: true, maxLength: 150 },
    active: { type: 'boolean' },
    addressLineOne: text(300),
    addressLineTwo: text(300),
    postalCode: text(20),
    city: text(50),
    state_province: text(40),
    country: text(80),
    phoneOne: text(20),
    phoneTwo: text(20),
    fax: text(20),
    email: { type: 'list', required: true, child: { type: 'string', format: 'email' } },
    comments: { type: 'string', nullable: true, allowBlank: true },
    contact: text(50),
    url: text(200),
    external_id: text(100),
    currency: { type: 'pk', nullable: true, exists: (id) => data.currencies.get(id) !== undefined },
    ...refFields,
    tax: nothing,
    type: { type: 'choice', required: true, choices: refs === 'objects' ? WRITABLE_VENDOR_TYPES : Object.values(VENDOR_TYPE) },
    default_payment_method: nothing,
    is_1099_eligible: { type: 'boolean', nullable: true },
    overall_score: { type: 'decimal', required: true, nullable: true, whole: 2, places: 3 },
    is_auto_email_po_enabled: { type: 'boolean' },
    po_pdf_labels: { type: 'string', maxLength: 200, allowBlank: true },
  };
}

const REF_TABLES = { payment_term_ref: 'paymentTerms', shipping_term_ref: 'shippingTerms', payment_method_ref: 'paymentMethods', shipping_method_ref: 'shippingMethods' } as const;

function termIdFor(table: Table<Term>, ref: { name: string; description?: string | null; active?: boolean } | null): number | null {
  if (ref === null) return null;
  const existing = table.list().find((t) => t.name.toLowerCase() === ref.name.toLowerCase());
  if (existing) return existing.id;
  return table.insert((id) => ({ id, name: ref.name, description: ref.description ?? null, active: ref.active ?? true })).id;
}

export interface VendorServiceOptions {
  uniqueExternalId(): boolean;
}

export function createVendorService(data: TenantData, clock: SandboxClock, opts: VendorServiceOptions) {
  const checkUnique = (value: Record<string, unknown>, selfId?: number): void => {
    const externalId = value.external_id;
    if (!opts.uniqueExternalId() || typeof externalId !== 'string' || externalId === '') return;
    if (data.vendors.list().some((v) => v.id !== selfId && v.external_id === externalId)) {
      throw validationError({ external_id: ['vendor with this external id already exists.'] });
    }
  };
  const toRecord = (value: Record<string, unknown>): Partial<Vendor> => {
    const record: Record<string, unknown> = { ...value };
    for (const [field, table] of Object.entries(REF_TABLES)) {
      if (Object.hasOwn(value, field)) record[field] = termIdFor(data[table], value[field] as { name: string } | null);
    }
    return record as Partial<Vendor>;
  };
  const validated = (body: unknown, partial: boolean): Record<string, unknown> => {
    const result = validateBody(vendorFields(data), body, partial);
    if (!result.ok) throw validationError(result.errors as FieldErrors);
    return result.value;
  };

  const adminValidated = (fields: unknown): Partial<Vendor> => {
    const result = validateBody(vendorFields(data, 'ids'), fields, true);
    if (!result.ok) throw validationError(result.errors as FieldErrors);
    checkUnique(result.value, typeof (fields as { id?: unknown }).id === 'number' ? (fields as { id: number }).id : undefined);
    return result.value as Partial<Vendor>;
  };

  return {
    /** A UI user's vendor form (sandbox admin): the same field rules, term ids, nothing required but the name. */
    adminCreate(fields: Record<string, unknown> & { name: string }): Vendor {
      const value = adminValidated(fields);
      if (typeof value.name !== 'string') throw validationError({ name: ['This field is required.'] });
      return insertVendor(data, value as Partial<Vendor> & { name: string }, clock.now());
    },
    adminUpdate(vendor: Vendor, fields: Record<string, unknown>): Vendor {
      const value = adminValidated({ ...fields, id: vendor.id });
      return Object.assign(vendor, value, { modifiedAt: clock.now() });
    },
    /** POST: a full OptimizedVendorRequest. */
    create(body: unknown): Vendor {
      const value = validated(body, false);
      checkUnique(value);
      return insertVendor(data, toRecord(value) as Partial<Vendor> & { name: string }, clock.now());
    },
    /** PUT (partial false) or PATCH (partial true). */
    update(vendor: Vendor, body: unknown, partial: boolean): Vendor {
      const value = validated(body, partial);
      checkUnique(value, vendor.id);
      Object.assign(vendor, toRecord(value), { modifiedAt: clock.now() });
      return vendor;
    },
  };
}

export type VendorService = ReturnType<typeof createVendorService>;

/** A vendor row with the model's defaults for whatever `fields` leaves out (seed, admin and API create). */
export function insertVendor(data: TenantData, fields: Partial<Vendor> & { name: string }, at: number): Vendor {
  return data.vendors.insert((id) => ({
    id,
    active: true,
    addressLineOne: null,
    addressLineTwo: null,
    postalCode: null,
    city: null,
    state_province: null,
    country: null,
    phoneOne: null,
    phoneTwo: null,
    fax: null,
    email: [],
    comments: null,
    contact: null,
    url: null,
    external_id: null,
    currency: null,
    payment_term_ref: null,
    shipping_term_ref: null,
    payment_method_ref: null,
    shipping_method_ref: null,
    tax: null,
    type: VENDOR_TYPE.PREFERRED,
    default_payment_method: null,
    is_1099_eligible: null,
    overall_score: null,
    is_auto_email_po_enabled: false,
    po_pdf_labels: '',
    ...fields,
    modifiedAt: at,
  }));
}
