/**
 * The Salesforce connection test: sign in with the client credentials flow, find the package's fields (and the
 * namespace they carry), and report the org's daily API budget. Every message says what to fix; none has a secret.
 */
import type { ConnectionCheck } from '../../engine/connections.ts';
import { toConnectorError } from '../../lib/errors.ts';
import type { SalesforceClient } from './client.ts';
import type { SalesforceConfig } from './config.ts';
import { detectNamespace } from './detect-namespace.ts';
import { PACKAGE_SCHEMA } from './package-schema.generated.ts';

/** A package field every install has: found → the package is there (and its namespace is known). */
const PACKAGE_MARKER_FIELD = 'GP_Customer_Number__c';

export async function runSalesforceConnectionTest(cfg: SalesforceConfig, client: SalesforceClient): Promise<ConnectionCheck[]> {
  const checks: ConnectionCheck[] = [];
  try {
    const described = await client.describe('Account');
    checks.push({ name: 'auth', ok: true, message: `signed in to ${cfg.loginUrl} with the client credentials flow (API v${cfg.apiVersion})` });
    const found = await detectNamespace(client, 'Account', PACKAGE_MARKER_FIELD);
    const expected = cfg.namespace ? `${cfg.namespace}__${PACKAGE_MARKER_FIELD}` : PACKAGE_MARKER_FIELD;
    if (found === undefined) {
      checks.push({ name: 'package', ok: false, message: `Account.${PACKAGE_MARKER_FIELD} is missing: deploy or install the ml-connector package, then assign its permission set to the integration user` });
    } else if (!described.fields.some((f) => f.name === expected)) {
      checks.push({ name: 'package', ok: false, message: `the package is installed with namespace "${found}" but this connection is configured with "${cfg.namespace}": set config.namespace to "${found}"` });
    } else {
      checks.push({ name: 'package', ok: true, message: `package fields found (namespace "${cfg.namespace || 'none'}", ${Object.keys(PACKAGE_SCHEMA.objects).length} objects)` });
    }
    const limits = client.limits();
    checks.push(
      limits
        ? { name: 'api-budget', ok: limits.remaining > 0, message: `${limits.remaining} of ${limits.max} daily API requests left` }
        : { name: 'api-budget', ok: true, message: 'the org did not report its API usage (no Sforce-Limit-Info header)' },
    );
  } catch (err) {
    const e = toConnectorError(err);
    const hint =
      e.category === 'auth'
        ? 'check the connected app: client credentials flow enabled, a "run as" user set, clientId/clientSecret right'
        : e.category === 'transient'
          ? `check that ${cfg.loginUrl} is reachable from this service`
          : 'check loginUrl (your My Domain URL) and apiVersion';
    checks.push({ name: e.category === 'auth' ? 'auth' : 'reach', ok: false, message: `${e.message} — ${hint}` });
  }
  return checks;
}
