/**
 * The resources the purchasing and ledger flows read and write (seeds 001, 002, 004), for the registry in
 * gp-sandbox.ts: vendors and their addresses, vendor / customer classes and payment terms, purchase orders, fiscal
 * period origins, account segments and GL account balances.
 */
import type { GpResource } from '../resource-registry.ts';
import { accountSegmentsResource } from './account-segments.ts';
import { fiscalPeriodOriginsResource } from './fiscal-period-origins.ts';
import { glAccountBalancesResource } from './gl-balances.ts';
import { purchaseOrdersResource } from './purchase-orders.ts';
import type { PurchasingOptions } from './purchasing-setup.ts';
import { createSetupMasterResources } from './setup-masters.ts';
import { vendorAddressesResource, vendorsResource } from './vendors.ts';

export function createPurchasingResources(opts: PurchasingOptions = {}): Array<GpResource<never>> {
  return [
    vendorsResource,
    vendorAddressesResource,
    ...createSetupMasterResources({ modifiedDateFilter: opts.setupModifiedDateFilter }),
    purchaseOrdersResource,
    fiscalPeriodOriginsResource,
    accountSegmentsResource,
    glAccountBalancesResource,
  ] as unknown as Array<GpResource<never>>;
}
