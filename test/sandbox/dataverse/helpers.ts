/** An independent Web API client for the Dataverse emulator tests: plain fetch, a real Entra token, no connector code. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDataverseSandbox, type DataverseSandbox, type DataverseSandboxOptions } from '../../../service/sandbox/dataverse/index.ts';

export async function startDv(opts: DataverseSandboxOptions = {}): Promise<DataverseSandbox> {
  const sandbox = createDataverseSandbox(opts);
  await sandbox.start();
  return sandbox;
}

export async function requestToken(sandbox: DataverseSandbox, form: Record<string, string> = {}): Promise<Response> {
  return fetch(sandbox.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: sandbox.clientSecret, scope: sandbox.scope, ...form }),
  });
}

export interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { value?: Array<Record<string, unknown>>; error?: { code: string; message: string } & Record<string, unknown> };
  text: string;
}

/** The recommended headers of FACTS §4 on every call. */
export const ODATA_HEADERS = { accept: 'application/json', 'odata-maxversion': '4.0', 'odata-version': '4.0', 'if-none-match': 'null' };

export async function webApi(sandbox: DataverseSandbox) {
  const res = await requestToken(sandbox);
  const token = ((await res.json()) as { access_token: string }).access_token;
  async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const r = await fetch(url.startsWith('http') ? url : `${sandbox.apiBaseUrl}/${url}`, {
      method,
      headers: { ...ODATA_HEADERS, authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await r.text();
    let parsed: Reply['body'] = {};
    try {
      parsed = text ? (JSON.parse(text) as Reply['body']) : {};
    } catch {
      parsed = {};
    }
    return { status: r.status, headers: r.headers, body: parsed, text };
  }
  return { token, call };
}

export type WebApi = Awaited<ReturnType<typeof webApi>>;

export interface Received {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface Receiver {
  url: string;
  requests: Received[];
  /** Status codes to answer, in order; 200 once they run out. */
  respondWith(statuses: number[]): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A local webhook receiver standing in for the service's public endpoint. */
export async function startReceiver(): Promise<Receiver> {
  const requests: Received[] = [];
  let statuses: number[] = [];
  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.writeHead(statuses.shift() ?? 200, { 'content-type': 'text/plain' });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/dataverse`,
    requests,
    respondWith(s) {
      statuses = [...s];
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** Poll a condition with a generous deadline (no fixed sleeps). */
export async function waitFor(cond: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met before the deadline');
    await new Promise((r) => setTimeout(r, 10));
  }
}
