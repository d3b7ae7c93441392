/**
 * Connection entries (the config-file shape) pointing at the sandbox emulators: one place for what `npm start`,
 * the end-to-end harnesses and the benchmarks configure, so a config change is made once.
 */
import type { ServiceConfigInput } from '../src/config/service-config.ts';
import { GP_SANDBOX_DEFAULT_USER, type GpSandbox } from './dynamics-gp/index.ts';
import type { SalesforceSandbox } from './salesforce/index.ts';

export type ConnectionEntry = NonNullable<ServiceConfigInput['connections']>[number];

export const SANDBOX_GP_COMPANY = 'Fabrikam, Inc.';

/** The GP connection to a GP emulator: the sandbox's Windows account, politeness 2 × 150 ms unless overridden. */
export function gpSandboxConnection(
  gp: GpSandbox,
  opts: { id?: string; name?: string; password?: string; config?: Record<string, unknown> } = {},
): ConnectionEntry {
  return {
    id: opts.id ?? 'gp',
    system: 'dynamics-gp',
    name: opts.name ?? 'Dynamics GP sandbox (Fabrikam, Inc.)',
    config: {
      baseUrl: gp.url,
      tenant: gp.tenant,
      company: SANDBOX_GP_COMPANY,
      domain: GP_SANDBOX_DEFAULT_USER.domain,
      username: GP_SANDBOX_DEFAULT_USER.username,
      maxConcurrent: 2,
      minSpacingMs: 150,
      allowInsecureHttp: true,
      ...opts.config,
    },
    secrets: { password: opts.password ?? GP_SANDBOX_DEFAULT_USER.password },
  };
}

/** The Salesforce connection to a Salesforce emulator (client credentials of the sandbox org). */
export function salesforceSandboxConnection(
  sf: SalesforceSandbox,
  opts: { id?: string; name?: string; config?: Record<string, unknown> } = {},
): ConnectionEntry {
  return {
    id: opts.id ?? 'salesforce',
    system: 'salesforce',
    name: opts.name ?? 'Salesforce sandbox org',
    config: { loginUrl: sf.url, clientId: sf.clientId, allowInsecureHttp: true, ...opts.config },
    secrets: { clientSecret: sf.clientSecret },
  };
}
