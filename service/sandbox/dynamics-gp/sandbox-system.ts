/**
 * Dynamics GP in the sandbox: the GP Service (SBA) and Web Services (SOAP) emulator seeded with GP's sample company
 * (Fabrikam, Inc.), and the GP connection entry (the sandbox's Windows account, politeness 2 × 150 ms). It sits
 * beside the emulator folder while other branches rework that folder; it moves into it as sandbox-system.ts.
 */
import { createGpSandbox, GP_SANDBOX_DEFAULT_USER, type GpSandbox } from './index.ts';
import type { ConnectionEntry, SandboxSystem } from '../sandbox-system.ts';

export const SANDBOX_GP_PORT = 8790;
export const SANDBOX_GP_COMPANY = 'Fabrikam, Inc.';
/** Extra synthetic customers beyond Fabrikam's sample ones. */
const SYNTHETIC_CUSTOMERS = 40;

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

export const dynamicsGpSandbox: SandboxSystem<GpSandbox> = {
  system: 'dynamics-gp',
  async start(ctx) {
    const gp = createGpSandbox({
      host: ctx.host,
      port: ctx.port('SANDBOX_GP_PORT', SANDBOX_GP_PORT),
      syntheticCustomers: SYNTHETIC_CUSTOMERS,
      latency: { fixedMs: 20, jitterMs: 10 },
    });
    await gp.start();
    return {
      system: 'dynamics-gp',
      emulator: gp,
      connection: gpSandboxConnection(gp),
      describe: () => [
        `  Dynamics GP SBA  ${gp.url}/GPService/Tenants(${gp.tenant})/Companies(${encodeURIComponent(SANDBOX_GP_COMPANY)})/Sales/Customers`,
        `                   Windows/NTLM ${GP_SANDBOX_DEFAULT_USER.domain}\\${GP_SANDBOX_DEFAULT_USER.username} / ${GP_SANDBOX_DEFAULT_USER.password}`,
      ],
      stop: () => gp.stop(),
    };
  },
};
