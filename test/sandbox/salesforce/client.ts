/**
 * An independent Salesforce client for emulator tests: plain fetch, OAuth client credentials, JSON and CSV calls.
 * It knows nothing of the service's connector.
 */
import { createSalesforceSandbox, type CustomSchema, type SalesforceSandbox, type SalesforceSandboxOptions } from '../../../service/sandbox/salesforce/index.ts';

export const API_VERSION = '63.0';

/** Account fields the GP customers → Accounts flow writes, in the package's schema shape. */
export const CUSTOM_SCHEMA: CustomSchema = {
  objects: {
    Account: {
      GP_Customer_Number__c: { type: 'Text', length: 15, externalId: true, unique: true, caseSensitive: false, label: 'GP Customer Number' },
      GP_Customer_Class__c: { type: 'Text', length: 15, label: 'GP Customer Class' },
      ERP_Credit_Limit__c: { type: 'Currency', precision: 16, scale: 2, label: 'ERP Credit Limit' },
      ERP_On_Hold__c: { type: 'Checkbox', label: 'ERP On Hold' },
    },
  },
};

export async function startSandbox(opts: SalesforceSandboxOptions = {}): Promise<SalesforceSandbox> {
  const sandbox = createSalesforceSandbox({ customSchema: CUSTOM_SCHEMA, ...opts });
  await sandbox.start();
  return sandbox;
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export interface Client {
  /** A REST call under /services/data/vXX.X/; a string body is sent as text/csv unless a content type is given. */
  call(method: string, path: string, body?: unknown, contentType?: string): Promise<Reply>;
  /** A call to a path on the instance as Salesforce hands it out (nextRecordsUrl, contentUrl). */
  at(method: string, pathname: string, body?: unknown): Promise<Reply>;
  admin(method: string, path: string, body?: unknown): Promise<Reply>;
}

async function reply(res: Response): Promise<Reply> {
  const text = await res.text();
  let json: unknown = null;
  if ((res.headers.get('content-type') ?? '').includes('json') && text) json = JSON.parse(text);
  return { status: res.status, headers: res.headers, text, json };
}

export async function connect(sandbox: SalesforceSandbox, version = API_VERSION): Promise<Client> {
  const tokenRes = await fetch(`${sandbox.url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: sandbox.clientSecret }),
  });
  if (tokenRes.status !== 200) throw new Error(`token request failed: ${tokenRes.status}`);
  const { access_token: token, instance_url: instanceUrl } = (await tokenRes.json()) as { access_token: string; instance_url: string };
  const send = async (url: string, method: string, body?: unknown, contentType?: string) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    let payload: string | undefined;
    if (typeof body === 'string') {
      headers['content-type'] = contentType ?? 'text/csv';
      payload = body;
    } else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    return reply(await fetch(url, { method, headers, body: payload }));
  };
  return {
    call: (method, path, body, contentType) => send(`${instanceUrl}/services/data/v${version}/${path}`, method, body, contentType),
    at: (method, pathname, body) => send(`${instanceUrl}/${pathname.replace(/^\//, '')}`, method, body),
    async admin(method, path, body) {
      const res = await fetch(`${sandbox.url}/_sandbox/${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return reply(res);
    },
  };
}

export interface JobInfo {
  id: string;
  state: string;
  object: string;
  operation: string;
  externalIdFieldName?: string;
  contentUrl?: string;
  numberRecordsProcessed?: number;
  numberRecordsFailed?: number;
  errorMessage?: string;
  apiVersion: number;
}

/** Create → upload → close, as a client would; returns the job id. */
export async function submitJob(client: Client, job: Record<string, unknown>, csv: string): Promise<string> {
  const created = await client.call('POST', 'jobs/ingest', job);
  if (created.status !== 200) throw new Error(`create job: ${created.status} ${created.text}`);
  const { id, contentUrl } = created.json as JobInfo;
  // contentUrl is relative to the instance and has no leading slash.
  const put = await client.at('PUT', String(contentUrl), csv);
  if (put.status !== 201) throw new Error(`upload: ${put.status} ${put.text}`);
  const closed = await client.call('PATCH', `jobs/ingest/${id}`, { state: 'UploadComplete' });
  if (closed.status !== 200) throw new Error(`close: ${closed.status} ${closed.text}`);
  return id;
}

/** Polls Get Job Info until the job is in a terminal state (the sandbox clock may need moving by the caller). */
export async function waitForJob(client: Client, id: string, deadlineMs = 20_000): Promise<JobInfo> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const info = (await client.call('GET', `jobs/ingest/${id}`)).json as JobInfo;
    if (['JobComplete', 'Failed', 'Aborted'].includes(info.state)) return info;
    if (Date.now() > until) throw new Error(`job ${id} still ${info.state}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Minimal RFC 4180 reader for result files (independent of the emulator's parser). */
export function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let value = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        value += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else value += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(value);
      value = '';
    } else if (ch === '\n') {
      row.push(value);
      rows.push(row);
      row = [];
      value = '';
    } else if (ch !== '\r') value += ch;
  }
  if (value !== '' || row.length > 0) {
    row.push(value);
    rows.push(row);
  }
  return rows;
}

/** Result CSV rows as objects keyed by the header. */
export function readCsvObjects(text: string): Array<Record<string, string>> {
  const [header = [], ...rows] = readCsv(text);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}
