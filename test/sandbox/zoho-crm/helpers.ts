/**
 * An independent Zoho CRM client for the emulator tests: plain fetch (undici) calls shaped as Zoho documents them,
 * no connector code. Also a callback receiver for notification channels and a condition poller.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { createZohoCrmSandbox, type DataCenter, type ZohoCrmSandbox, type ZohoCrmSandboxOptions } from '../../../service/sandbox/zoho-crm/index.ts';

export type Body = Record<string, unknown>;

export interface ZohoResponse {
  status: number;
  headers: Headers;
  text: string;
  body: Body;
}

export async function startZoho(opts: ZohoCrmSandboxOptions = {}): Promise<ZohoCrmSandbox> {
  const sandbox = createZohoCrmSandbox({ seed: 'none', behaviour: { allowHttpNotifyUrl: true }, ...opts });
  await sandbox.start();
  return sandbox;
}

async function read(res: Response): Promise<ZohoResponse> {
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text ? (JSON.parse(text) as Body) : {} };
}

/** POST {accounts}/oauth/v2/token with the parameters in the query string, as Zoho's docs show. */
export async function refreshAt(accountsUrl: string, params: Record<string, string>): Promise<ZohoResponse> {
  return read(await fetch(`${accountsUrl}/oauth/v2/token?${new URLSearchParams(params)}`, { method: 'POST' }));
}

export function refreshParams(sandbox: ZohoCrmSandbox, refreshToken = sandbox.refreshToken): Record<string, string> {
  return { refresh_token: refreshToken, client_id: sandbox.clientId, client_secret: sandbox.clientSecret, grant_type: 'refresh_token' };
}

export interface ApiClient {
  token: string;
  apiDomain: string;
  call(method: string, path: string, opts?: { body?: unknown; headers?: Record<string, string>; raw?: string }): Promise<ZohoResponse>;
}

/** Refreshes at `dc`'s accounts server and calls the api_domain the answer names. */
export async function connect(sandbox: ZohoCrmSandbox, opts: { dc?: DataCenter; refreshToken?: string } = {}): Promise<ApiClient> {
  const res = await refreshAt(sandbox.urls(opts.dc).accountsUrl, refreshParams(sandbox, opts.refreshToken));
  expect(res.status, res.text).toBe(200);
  expect(res.body.access_token, res.text).toBeTypeOf('string');
  return apiClient(String(res.body.access_token), String(res.body.api_domain));
}

export function apiClient(token: string, apiDomain: string, scheme = 'Zoho-oauthtoken'): ApiClient {
  return {
    token,
    apiDomain,
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { authorization: `${scheme} ${token}`, ...opts.headers };
      const payload = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
      if (payload !== undefined) headers['content-type'] = 'application/json';
      return read(await fetch(`${apiDomain}/crm/v8/${path}`, { method, headers, body: payload }));
    },
  };
}

/** Polls `condition` until it holds (generous deadline: the machine is shared). */
export async function waitFor<T>(condition: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface Receiver {
  url: string;
  received: Array<{ url: string; body: Body }>;
  respondWith(status: number): void;
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

/** A notify_url endpoint that records each callback and answers `status` (200 unless told otherwise). */
export async function startReceiver(): Promise<Receiver> {
  const received: Receiver['received'] = [];
  let status = 200;
  const server: Server = createServer((req, res) => {
    void readBody(req).then((text) => {
      received.push({ url: req.url ?? '/', body: JSON.parse(text) as Body });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    respondWith(s) {
      status = s;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** `2026-01-10T10:15:30-05:00`: an instant written the way Zoho expects date-times, in a zone `offsetMinutes` east of UTC. */
export function zohoDateTime(ms: number, offsetMinutes: number): string {
  const local = new Date(Math.floor(ms / 1000) * 1000 + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const abs = Math.abs(offsetMinutes);
  return `${local}${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;
