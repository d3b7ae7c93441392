/**
 * The sandbox registry: every system's emulator entry (emulator + sandbox connection entry) and every demo, in one
 * place. Registering a system is one line in SANDBOX_SYSTEMS; its entry lives with its emulator
 * (service/sandbox/<system>/sandbox-system.ts). The sandbox runs every flow template whose two systems are here.
 */
import { bcSalesforceDemo } from './demos/bc-salesforce.ts';
import { gpSalesforceDemo } from './demos/gp-salesforce.ts';
import { businessCentralSandbox } from './business-central/sandbox-system.ts';
import { dynamicsGpSandbox } from './dynamics-gp/sandbox-system.ts';
import { salesforceSandbox } from './salesforce/sandbox-system.ts';
import type { SandboxDemo, SandboxSystem } from './sandbox-system.ts';

export const SANDBOX_SYSTEMS: readonly SandboxSystem[] = [dynamicsGpSandbox, salesforceSandbox, businessCentralSandbox];

export const SANDBOX_DEMOS: readonly SandboxDemo[] = [bcSalesforceDemo, gpSalesforceDemo];
