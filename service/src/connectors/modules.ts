/**
 * The module registry: every system the service can connect to, by system id (= its folder under connectors/).
 * Adding a system is one line here (docs/adding-a-system.md).
 */
import type { ConnectorModule } from '../engine/connector.ts';
import { businessCentralModule } from './business-central/index.ts';
import { dynamicsGpModule } from './dynamics-gp/index.ts';
import { salesforceModule } from './salesforce/index.ts';

export const CONNECTOR_MODULES: readonly ConnectorModule[] = [dynamicsGpModule, salesforceModule, businessCentralModule];
