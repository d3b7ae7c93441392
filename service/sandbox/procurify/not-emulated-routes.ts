/**
 * Operations the OAS publishes that the sandbox does not model (accounts payable, catalog, custom fields,
 * permissions, user admin, location create, billing history and the deprecated v2 PO revise). They answer 501
 * `{"detail": ...}` after authentication, so a client sees at once that it reached an unemulated operation
 * rather than a 404 it might mistake for "no such record".
 */
import { detailError } from './errors.ts';
import type { Handler, RouteDef } from './router.ts';

const refuse =
  (operationId: string): Handler =>
  () => {
    throw detailError(501, `${operationId} is not emulated by the Procurify sandbox.`);
  };

const OPERATIONS: Array<[string, Partial<Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', string>>]> = [
  ['/api/v3/purchase-orders/billing-history', { GET: 'Purchaseorders_viewBillingHistory' }],
  ['/api/v2/purchase_order/revise/{procurify_PO}', { PUT: 'Purchaseorders_reviseProcurifyPO' }],
  ['/api/v2/ap/bills/{id}', { GET: 'Ap_billsGetById' }],
  ['/api/v2/ap/company-payment-methods', { GET: 'Ap_companyPaymentMethodsList', POST: 'Ap_createCompanyPaymentMethod' }],
  ['/api/v2/ap/items', { GET: 'Ap_itemsGet' }],
  ['/api/v2/ap/payments', { GET: 'Ap_getPayments' }],
  ['/api/v2/ap/payments/{id}/approver-choices', { GET: 'Ap_paymentsApproverChoicesRetrieve' }],
  ['/api/v2/ap/vendor-payment-methods', { GET: 'Ap_vendorPaymentMethodsList', POST: 'Ap_createVendorPaymentMethod' }],
  ['/api/v3/ap/bills', { GET: 'Ap_billsList' }],
  ['/api/v3/catalog-bundles', { GET: 'Catalog_getAllBundles' }],
  ['/api/v3/catalog-items', { GET: 'Catalog_getAllItems', POST: 'Catalog_itemCreate' }],
  ['/api/v3/catalog-items/{id}', { PUT: 'Catalog_updateItem' }],
  ['/api/v3/custom-fields/order-items', { GET: 'Customfields_getOrderItemCustomFields' }],
  ['/api/v3/custom-fields/{id}', { PUT: 'Customfields_updateOrderItemCustomFieldDropdownChoices' }],
  ['/api/v3/permissions', { GET: 'permissions_list' }],
  ['/api/v3/permissions/groups', { GET: 'Permissions_getAvailableSystemRoles' }],
  ['/api/v3/users', { GET: 'users_list', POST: 'users_create' }],
  ['/api/v3/users/{id}', { PUT: 'users_update', DELETE: 'users_destroy' }],
];

export const notEmulatedRoutes: RouteDef[] = OPERATIONS.map(([template, ops]) => ({
  template,
  handlers: Object.fromEntries(Object.entries(ops).map(([method, op]) => [method, refuse(op as string)])),
}));

/** `POST /api/v2/locations` shares its path with the emulated list. */
export const createLocationNotEmulated: Handler = refuse('locations_create');
