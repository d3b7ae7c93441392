import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBcClient, type BcClient } from '../../../service/src/connectors/business-central/client.ts';
import { parseBcConfig, type BcConfig } from '../../../service/src/connectors/business-central/config.ts';
import { silentLogger } from '../../../service/src/lib/logger.ts';
import { createBcSandbox, type BcSandbox, type BcSandboxOptions } from '../../../service/sandbox/business-central/index.ts';

export async function startBc(opts: BcSandboxOptions = {}): Promise<BcSandbox> {
  const sandbox = createBcSandbox({ seed: 'none', ...opts });
  await sandbox.start();
  return sandbox;
}

export function bcConfig(sandbox: BcSandbox, overrides: Record<string, unknown> = {}): BcConfig {
  return parseBcConfig({
    tenantId: sandbox.tenantId,
    environment: sandbox.environment,
    companyId: sandbox.companyId,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    authorityUrl: sandbox.url,
    apiBaseUrl: sandbox.url,
    allowInsecureHttp: true,
    ...overrides,
  });
}

export function bcClient(sandbox: BcSandbox, overrides: Record<string, unknown> = {}): BcClient {
  return createBcClient(bcConfig(sandbox, overrides), { logger: silentLogger() });
}

/** Emulator-level calls with a real token (status, parsed body, headers). */
export async function rawApi(sandbox: BcSandbox) {
  const res = await fetch(`${sandbox.url}/${sandbox.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: sandbox.clientSecret, scope: 'https://api.businesscentral.dynamics.com/.default' }),
  });
  const token = ((await res.json()) as { access_token: string }).access_token;
  const root = `${sandbox.url}/v2.0/${sandbox.tenantId}/${sandbox.environment}/api/v2.0`;
  const company = `${root}/companies(${sandbox.companyId})`;
  async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const r = await fetch(url.startsWith('http') ? url : `${company}/${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, headers: r.headers, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> & { value?: Array<Record<string, unknown>> } };
  }
  return { token, root, company, call };
}

export interface Receiver {
  url: string;
  /** Requests received, newest last. */
  requests: Array<{ method: string; url: string; body: string }>;
  setHandler(fn: ReceiverHandler): void;
  close(): Promise<void>;
}

export type ReceiverHandler = (req: { method: string; query: Record<string, string | undefined>; body: string }) => Promise<{ status: number; headers: Record<string, string>; body: string }>;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A local notification receiver (the service's public webhook route stands in here). */
export async function startReceiver(initial: ReceiverHandler): Promise<Receiver> {
  let handler = initial;
  const requests: Receiver['requests'] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://x');
      requests.push({ method: req.method ?? '', url: req.url ?? '', body });
      const out = await handler({ method: req.method ?? '', query: Object.fromEntries(url.searchParams), body });
      res.writeHead(out.status, out.headers);
      res.end(out.body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/bc`,
    requests,
    setHandler(fn) {
      handler = fn;
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** A BC-shaped customer body for creates. */
export function customerBody(number: string, name = `Customer ${number}`): Record<string, unknown> {
  return { number, displayName: name, email: `${number.toLowerCase()}@example.com` };
}
