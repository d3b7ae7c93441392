/**
 * `/_sandbox/companies/<company>/…` routes for the purchasing admin (purchasing-admin.ts), no auth:
 * vendors (GET list, POST create, POST generate, GET / PATCH one), vendor-classes / customer-classes / payment-terms
 * (GET list, POST, GET / PATCH one), purchase-orders (GET list, GET one, POST <n>/release|receive|close|cancel|void,
 * POST remove-completed) and PUT purchasing-setup `{ nextPoNumber }`.
 */
import { z } from 'zod';
import { parseBody } from './admin-body.ts';
import type { AdminResponse } from './admin-routes.ts';
import { SETUP_KINDS, type GpPurchasingAdmin, type SetupKind } from './purchasing-admin.ts';
import { notFound } from './sba-error.ts';

const payloadSchema = z.record(z.string(), z.unknown());
const generateSchema = z
  .object({
    count: z.number().int().min(0).max(100_000),
    seed: z.number().int().optional(),
    modifiedDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    spreadDays: z.number().int().min(1).max(3650).optional(),
  })
  .strict();
const receiveSchema = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }).strict();
const setupSchema = z.object({ nextPoNumber: z.string().min(1) }).strict();
const PO_ACTIONS = ['release', 'receive', 'close', 'cancel', 'void'] as const;

const ok = (body: unknown, status = 200): AdminResponse => ({ status, body });

function found(body: unknown, what: string): AdminResponse {
  if (body === undefined) throw notFound('EntityNotFound', `${what} not found`);
  return ok(body);
}

function vendorRoutes(admin: GpPurchasingAdmin, company: string, method: string, rest: string[], body: string): AdminResponse | undefined {
  if (rest.length === 0 && method === 'GET') return ok(admin.listVendors(company));
  if (rest.length === 0 && method === 'POST') return ok(admin.createVendor(parseBody(payloadSchema, body), company), 201);
  if (rest.length === 1 && rest[0] === 'generate' && method === 'POST') {
    const ids = admin.generateVendors({ ...parseBody(generateSchema, body), company });
    return ok({ generated: ids.length, first: ids[0] ?? null, last: ids[ids.length - 1] ?? null }, 201);
  }
  if (rest.length === 1 && method === 'GET') return found(admin.getVendor(rest[0]!, company), `vendor ${rest[0]}`);
  if (rest.length === 1 && method === 'PATCH') return ok(admin.editVendor(rest[0]!, parseBody(payloadSchema, body), company));
  return undefined;
}

function setupRoutes(admin: GpPurchasingAdmin, kind: SetupKind, company: string, method: string, rest: string[], body: string): AdminResponse | undefined {
  if (rest.length === 0 && method === 'GET') return ok(admin.listSetup(kind, company));
  if (rest.length === 0 && method === 'POST') return ok(admin.createSetup(kind, parseBody(payloadSchema, body), company), 201);
  if (rest.length === 1 && method === 'GET') return found(admin.getSetup(kind, rest[0]!, company), `${kind} ${rest[0]}`);
  if (rest.length === 1 && method === 'PATCH') return ok(admin.editSetup(kind, rest[0]!, parseBody(payloadSchema, body), company));
  return undefined;
}

function purchaseOrderRoutes(admin: GpPurchasingAdmin, company: string, method: string, rest: string[], body: string): AdminResponse | undefined {
  if (rest.length === 0 && method === 'GET') return ok(admin.listPurchaseOrders(company));
  if (rest.length === 1 && rest[0] === 'remove-completed' && method === 'POST') return ok({ removed: admin.removeCompletedPurchaseOrders(company) });
  if (rest.length === 1 && method === 'GET') return found(admin.getPurchaseOrder(rest[0]!, company), `purchase order ${rest[0]}`);
  const action = PO_ACTIONS.find((a) => a === rest[1]);
  if (rest.length !== 2 || method !== 'POST' || !action) return undefined;
  const number = rest[0]!;
  switch (action) {
    case 'release':
      return ok(admin.releasePurchaseOrder(number, company));
    case 'receive':
      return ok(admin.receivePurchaseOrder(number, parseBody(receiveSchema, body), company));
    case 'close':
      return ok(admin.closePurchaseOrder(number, company));
    case 'cancel':
      return ok(admin.cancelPurchaseOrder(number, company));
    case 'void':
      return ok(admin.voidPurchaseOrder(number, company));
  }
}

/** `parts` = the path below `/_sandbox/`, decoded. Undefined when the route is not a purchasing route. */
export function handlePurchasingAdminRequest(admin: GpPurchasingAdmin, method: string, parts: string[], body: string): AdminResponse | undefined {
  if (parts[0] !== 'companies' || parts[1] === undefined) return undefined;
  const [, company, kind, ...rest] = parts;
  if (kind === 'vendors') return vendorRoutes(admin, company!, method, rest, body);
  if (kind === 'purchase-orders') return purchaseOrderRoutes(admin, company!, method, rest, body);
  if (kind === 'purchasing-setup' && rest.length === 0 && method === 'PUT') return ok({ nextPoNumber: admin.setNextPoNumber(parseBody(setupSchema, body).nextPoNumber, company) });
  if (kind !== undefined && kind in SETUP_KINDS) return setupRoutes(admin, kind as SetupKind, company!, method, rest, body);
  return undefined;
}
