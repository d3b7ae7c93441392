import { parseSalesforceConfig, type SalesforceConfig } from '../../../service/src/connectors/salesforce/config.ts';
import { createSalesforceSandbox, type CustomSchema, type SalesforceSandbox, type SalesforceSandboxOptions } from '../../../service/sandbox/salesforce/index.ts';

/** The package's Account fields in the PACKAGE_SCHEMA shape, until package-schema.generated.ts exists. */
export const TEST_CUSTOM_SCHEMA: CustomSchema = {
  objects: {
    Account: {
      GP_Customer_Number__c: { type: 'Text', length: 15, externalId: true, unique: true, caseSensitive: false, required: false, label: 'GP Customer Number' },
      GP_Customer_Class__c: { type: 'Text', length: 15, label: 'GP Customer Class' },
      GP_Balance__c: { type: 'Currency', precision: 16, scale: 2, label: 'GP Balance' },
      GP_On_Hold__c: { type: 'Checkbox', label: 'GP On Hold' },
      GP_Last_Sync__c: { type: 'DateTime', label: 'GP Last Sync' },
      GP_Billing_Email__c: { type: 'Email', label: 'GP Billing Email' },
    },
    Contact: {
      // A case-sensitive, non-unique external id, to exercise exact matching and several matches.
      Legacy_Key__c: { type: 'Text', length: 20, externalId: true, unique: false, caseSensitive: true, label: 'Legacy Key' },
    },
  },
};

export async function startSandbox(opts: SalesforceSandboxOptions = {}): Promise<SalesforceSandbox> {
  const sandbox = createSalesforceSandbox({ customSchema: TEST_CUSTOM_SCHEMA, ...opts });
  await sandbox.start();
  return sandbox;
}

export function clientConfig(sandbox: SalesforceSandbox, overrides: Record<string, unknown> = {}): SalesforceConfig {
  return parseSalesforceConfig({
    loginUrl: sandbox.url,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    allowInsecureHttp: true,
    namespace: sandbox.namespace,
    ...overrides,
  });
}

export async function fetchToken(sandbox: SalesforceSandbox): Promise<{ access_token: string; instance_url: string }> {
  const res = await fetch(`${sandbox.url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: sandbox.clientSecret }),
  });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status}`);
  return (await res.json()) as { access_token: string; instance_url: string };
}

/** A tiny REST helper over fetch for emulator-level tests (status, parsed body, headers). */
export function restCaller(sandbox: SalesforceSandbox, token: string, version = '63.0') {
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sandbox.instanceUrl}/services/data/v${version}/${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as unknown, headers: res.headers };
  };
}

export function accounts(n: number, start = 1): Array<Record<string, unknown>> {
  return Array.from({ length: n }, (_, i) => ({
    attributes: { type: 'Account' },
    Name: `Customer ${start + i}`,
    GP_Customer_Number__c: `C${String(start + i).padStart(5, '0')}`,
  }));
}
