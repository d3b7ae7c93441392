/** An independent Procurify client for the emulator tests: plain fetch, the documented headers, nothing else. */
import { createProcurifySandbox, type ProcurifySandbox, type ProcurifySandboxOptions, type ProcurifyTenantHandle } from '../../../service/sandbox/procurify/index.ts';

export const AUDIENCE = 'https://api.procurify.com/';

export async function startProcurify(opts: ProcurifySandboxOptions = {}): Promise<ProcurifySandbox> {
  const sandbox = createProcurifySandbox(opts);
  await sandbox.start();
  return sandbox;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // Tests read arbitrary JSON bodies; `any` keeps the assertions readable.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}

export async function requestToken(tenant: ProcurifyTenantHandle, overrides: Record<string, unknown> = {}, init: { contentType?: string; raw?: string } = {}): Promise<Answer> {
  const body = { client_id: tenant.clientId, client_secret: tenant.clientSecret, audience: AUDIENCE, grant_type: 'client_credentials', ...overrides };
  return answer(await fetch(tenant.tokenUrl, { method: 'POST', headers: { 'content-type': init.contentType ?? 'application/json' }, body: init.raw ?? JSON.stringify(body) }));
}

export interface Client {
  token: string;
  get(pathOrUrl: string, headers?: Record<string, string>): Promise<Answer>;
  send(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  /** Follows `next` until it is null; returns every item and the number of pages read. */
  getAll(path: string): Promise<{ items: Array<Record<string, unknown>>; pages: Answer[] }>;
}

export async function connect(tenant: ProcurifyTenantHandle): Promise<Client> {
  const t = await requestToken(tenant);
  if (t.status !== 200) throw new Error(`token request failed: ${t.status} ${t.text}`);
  const token = t.body.access_token as string;
  const headers = { authorization: `Bearer ${token}`, 'x-procurify-client': 'api' };
  const url = (p: string): string => (p.startsWith('http') ? p : `${tenant.baseUrl}${p}`);
  const client: Client = {
    token,
    get: async (p, extra = {}) => answer(await fetch(url(p), { headers: { ...headers, ...extra } })),
    send: async (method, p, body, extra = {}) =>
      answer(await fetch(url(p), { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...extra }, body: body === undefined ? undefined : JSON.stringify(body) })),
    async getAll(p) {
      const pages: Answer[] = [];
      const items: Array<Record<string, unknown>> = [];
      let next: string | null = url(p);
      while (next !== null) {
        const page = await client.get(next);
        if (page.status !== 200) throw new Error(`GET ${next} → ${page.status} ${page.text}`);
        pages.push(page);
        items.push(...(page.body.data as Array<Record<string, unknown>>));
        next = page.body.metadata.pagination.next as string | null;
        if (pages.length > 1000) throw new Error('paging did not end');
      }
      return { items, pages };
    },
  };
  return client;
}
