/** One tenant as the app serves it: its data, the workflows over it, and its API credentials. */
import type { SandboxClock } from './clock.ts';
import { createProcurement, type Procurement } from './procurement.ts';
import type { ProcurifySettings } from './settings.ts';
import type { TenantData } from './tenant-data.ts';
import type { TenantCredentials } from './tokens.ts';
import { createVendorService, type VendorService } from './vendors.ts';

export interface TenantRuntime {
  data: TenantData;
  credentials: TenantCredentials;
  procurement: Procurement;
  vendors: VendorService;
}

export function createTenantRuntime(data: TenantData, credentials: TenantCredentials, clock: SandboxClock, settings: () => ProcurifySettings): TenantRuntime {
  return {
    data,
    credentials,
    procurement: createProcurement(data, clock),
    vendors: createVendorService(data, clock, { uniqueExternalId: () => settings().uniqueVendorExternalId }),
  };
}
