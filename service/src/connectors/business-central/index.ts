/**
 * Dynamics 365 Business Central (API v2.0, Entra client credentials) as one connector module. Folder: config ·
 * facts · auth · client (on lib/http) · errors · entities · odata · feeds/ (lastModifiedDateTime) · writers/
 * ($batch, If-Match) · catalog · webhook (push face) + subscriptions · connection-test.
 */
import type { ConnectorModule } from '../../engine/connector.ts';
import { BC_CATALOG } from './catalog.ts';
import { BC_SECRET_KEYS, bcSettingsSchema, checkBcConfig } from './config.ts';
import { BC_SYSTEM, createBcRuntime } from './runtime.ts';

export const businessCentralModule: ConnectorModule = {
  system: BC_SYSTEM,
  displayName: 'Business Central',
  configSchema: bcSettingsSchema,
  secretKeys: BC_SECRET_KEYS,
  validate: (config, secrets) => checkBcConfig({ ...config, ...secrets }),
  create: createBcRuntime,
  catalog: BC_CATALOG,
  transforms: {},
};
