import { Client, type Dispatcher } from 'undici';
import { createGpSandbox, type GpSandbox, type GpSandboxOptions } from '../../../../service/sandbox/dynamics-gp/index.ts';
import { parseGpConnectionConfig, type GpConnectionConfigInput } from '../../../../service/src/connectors/dynamics-gp/config.ts';
import { createGpClients, type GpClients } from '../../../../service/src/connectors/dynamics-gp/gp-clients.ts';
import { createRequestBudget, type RequestBudget } from '../../../../service/src/lib/http/request-budget.ts';
import { silentLogger } from '../../../../service/src/lib/logger.ts';

/** GP minSpacingMs 100 in tests (the suite shares a 2-core machine). */
export const TEST_LIMITS = { maxConcurrent: 2, minSpacingMs: 100 } as const;

export async function startGp(opts: GpSandboxOptions = {}): Promise<GpSandbox> {
  // 50 ms of arrival jitter forgiven (as in test/connectors/dynamics-gp/politeness.test.ts): client and emulator share one
  // event loop on a 2-core machine running other suites; an impolite client still shows gaps near 0 ms.
  const gp = createGpSandbox({ ...opts, limits: { minSpacingMs: TEST_LIMITS.minSpacingMs, spacingToleranceMs: 50, ...opts.limits } });
  await gp.start();
  return gp;
}

export function gpConfig(gp: GpSandbox, overrides: Partial<GpConnectionConfigInput> = {}): GpConnectionConfigInput {
  return {
    baseUrl: gp.url,
    allowInsecureHttp: true,
    company: 'Fabrikam, Inc.',
    domain: gp.credentials.domain,
    username: gp.credentials.username,
    password: gp.credentials.password,
    ...TEST_LIMITS,
    utcOffsetMinutes: -360,
    ...overrides,
  };
}

/** Pass `limiter` to make two client sets one polite caller (as one connection's two transports are). */
export function gpClients(gp: GpSandbox, overrides: Partial<GpConnectionConfigInput> = {}, limiter?: RequestBudget): GpClients {
  return createGpClients(parseGpConnectionConfig(gpConfig(gp, overrides)), { logger: silentLogger(), limiter });
}

export function testLimiter(): RequestBudget {
  return createRequestBudget(TEST_LIMITS);
}

/** One SOAP call as the client put it on the wire. */
export interface Sent {
  action: string;
  body: string;
}

/** An undici Client that records every SOAP envelope it sends (the tests validate them against the WSDL). */
export class RecordingClient extends Client {
  constructor(
    origin: string,
    opts: Client.Options,
    private readonly sent: Sent[],
  ) {
    super(origin, opts);
  }
  override dispatch(opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const headers = (opts.headers ?? {}) as Record<string, string>;
    if (typeof opts.body === 'string' && headers.soapaction) this.sent.push({ action: headers.soapaction, body: opts.body });
    return super.dispatch(opts, handler);
  }
}
