import { createGpSandbox, type GpSandbox, type GpSandboxOptions } from '../../../service/sandbox/dynamics-gp/index.ts';
import { createGpClient, type GpClient } from '../../../service/src/connectors/dynamics-gp/client.ts';
import type { GpConnectionConfigInput } from '../../../service/src/connectors/dynamics-gp/config.ts';
import { parseGpConnectionConfig } from '../../../service/src/connectors/dynamics-gp/config.ts';
import { silentLogger } from '../../../service/src/lib/logger.ts';

export const FAST_LIMITS = { maxConcurrent: 2, minSpacingMs: 100 } as const;

export async function startSandbox(opts: GpSandboxOptions = {}): Promise<GpSandbox> {
  const gp = createGpSandbox({ ...opts, limits: { minSpacingMs: FAST_LIMITS.minSpacingMs, ...opts.limits } });
  await gp.start();
  return gp;
}

export function clientConfig(gp: GpSandbox, overrides: Partial<GpConnectionConfigInput> = {}): GpConnectionConfigInput {
  return {
    baseUrl: gp.url,
    allowInsecureHttp: true,
    company: 'Fabrikam, Inc.',
    domain: gp.credentials.domain,
    username: gp.credentials.username,
    password: gp.credentials.password,
    maxConcurrent: FAST_LIMITS.maxConcurrent,
    minSpacingMs: FAST_LIMITS.minSpacingMs,
    utcOffsetMinutes: -360,
    ...overrides,
  };
}

export function makeClient(gp: GpSandbox, overrides: Partial<GpConnectionConfigInput> = {}): GpClient {
  return createGpClient(parseGpConnectionConfig(clientConfig(gp, overrides)), { logger: silentLogger() });
}
