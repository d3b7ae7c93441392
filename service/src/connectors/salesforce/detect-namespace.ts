import type { SalesforceClient } from './client.ts';

/**
 * Finds the namespace an installed package uses by describing `sobject` and looking for `localField`
 * with or without a prefix (SALESFORCE-PACKAGE.md §6). '' = unmanaged; undefined = field not found.
 */
export async function detectNamespace(client: SalesforceClient, sobject: string, localField: string): Promise<string | undefined> {
  const describe = await client.request<{ fields: Array<{ name: string }> }>('GET', `sobjects/${sobject}/describe`);
  const wanted = localField.toLowerCase();
  for (const { name } of describe.body.fields) {
    const lower = name.toLowerCase();
    if (lower === wanted) return '';
    if (lower.endsWith(`__${wanted}`) && name.split('__').length === 3) return name.slice(0, name.indexOf('__'));
  }
  return undefined;
}
