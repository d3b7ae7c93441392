/**
 * Dynamics GP (on-premises; GP Service SBA REST and GP Web Services SOAP, Windows auth) as one connector module.
 * Folder: config · facts · auth (NTLM) · client (SBA) + soap/ · errors · entities · feeds/ · writers/ · catalog ·
 * transforms · connection-test. No push face: GP has no webhooks, every change is polled.
 */
import type { ConnectorModule } from '../../engine/connector.ts';
import { ConfigError } from '../../lib/errors.ts';
import { GP_CATALOG } from './catalog.ts';
import { gpSettingsSchema } from './config.ts';
import { createGpRuntime, GP_SECRET_KEYS, parseGpConnection } from './runtime.ts';
import { GP_TRANSFORMS } from './transforms.ts';

export const dynamicsGpModule: ConnectorModule = {
  system: 'dynamics-gp',
  displayName: 'Dynamics GP',
  configSchema: gpSettingsSchema,
  secretKeys: GP_SECRET_KEYS,
  validate(config, secrets) {
    try {
      parseGpConnection(config, secrets);
      return [];
    } catch (err) {
      if (err instanceof ConfigError) return err.problems.map((p) => p.replace(/^config\.password/, 'secrets.password'));
      throw err;
    }
  },
  create: createGpRuntime,
  catalog: GP_CATALOG,
  transforms: GP_TRANSFORMS,
};
