import { businessCentralModule } from './business-central/index.ts';
import { dynamicsGpModule } from './dynamics-gp/module.ts';
import type { ConnectorModule } from './registry.ts';
import { salesforceModule } from './salesforce/module.ts';

/** Every connector the service can configure, by system id (= folder name). */
export const CONNECTOR_MODULES: ConnectorModule[] = [dynamicsGpModule, salesforceModule, businessCentralModule];
