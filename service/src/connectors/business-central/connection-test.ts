/**
 * The connection test: reach the authority, authenticate, find the environment and the company, read each
 * entity the flows use, and check the webhook subscriptions (or report polling only). Every message says what
 * was found and, when something is wrong, what to fix; none carries a secret.
 */
import type { ConnectionCheck } from '../../engine/connections.ts';
import { ConnectorError, toConnectorError } from '../../lib/errors.ts';
import type { BcAuth } from './auth.ts';
import type { BcClient } from './client.ts';
import type { BcConfig } from './config.ts';
import { WEBHOOK_SET_OF, type BcCompany, type BcFeedEntity, type BcSubscription } from './entities.ts';
import { subscriptionResource } from './facts.ts';

const PERMISSION_SETS = ['customers', 'items', 'salesOrders', 'salesInvoices', 'customerPaymentJournals'] as const;

export async function runConnectionTest(cfg: BcConfig, auth: BcAuth, client: BcClient, webhookEntities: readonly BcFeedEntity[]): Promise<ConnectionCheck[]> {
  const checks: ConnectionCheck[] = [];
  try {
    await auth.getToken();
    checks.push({ name: 'reach', ok: true, message: `reached ${cfg.authorityUrl}` });
    checks.push({ name: 'auth', ok: true, message: `client credentials accepted for tenant ${cfg.tenantId}` });
  } catch (raw) {
    const err = toConnectorError(raw);
    if (err.category === 'auth') {
      checks.push({ name: 'reach', ok: true, message: `reached ${cfg.authorityUrl}` });
      checks.push({ name: 'auth', ok: false, message: `${err.message} — check tenantId, clientId and the client secret (its value, not its id)` });
    } else {
      checks.push({ name: 'reach', ok: false, message: `could not get a token from ${cfg.authorityUrl}: ${err.message}` });
    }
    return checks;
  }

  let companies: BcCompany[];
  try {
    companies = await client.listAll<BcCompany>('/companies', { select: ['id', 'name', 'displayName'] });
    checks.push({ name: 'environment', ok: true, message: `environment "${cfg.environment}" answers (${companies.length} companies)` });
  } catch (raw) {
    const err = toConnectorError(raw);
    checks.push({
      name: 'environment',
      ok: false,
      message: err.status === 404 ? `environment "${cfg.environment}" was not found in tenant ${cfg.tenantId}: ${err.message}` : err.message,
    });
    return checks;
  }
  const company = companies.find((c) => c.id.toLowerCase() === cfg.companyId);
  if (!company) {
    const available = companies.map((c) => `${c.name} (${c.id})`).join(', ') || 'none';
    checks.push({ name: 'company', ok: false, message: `company ${cfg.companyId} not found; available: ${available}` });
    return checks;
  }
  checks.push({ name: 'company', ok: true, message: `company "${company.name}" (${company.id})` });

  for (const set of PERMISSION_SETS) {
    try {
      await client.request('GET', `${set}?$top=1`);
      checks.push({ name: `permission:${set}`, ok: true, message: `can read ${set}` });
    } catch (raw) {
      const err = toConnectorError(raw);
      const hint = err.category === 'auth' ? ' — grant the app the API.ReadWrite.All permission and a BC permission set covering it' : '';
      checks.push({ name: `permission:${set}`, ok: false, message: `${err.message}${hint}` });
    }
  }

  if (!cfg.notificationUrl) {
    checks.push({ name: 'subscriptions', ok: true, message: 'no notificationUrl configured: changes are found by polling lastModifiedDateTime' });
    return checks;
  }
  try {
    const res = await client.request<{ value?: BcSubscription[] }>('GET', '/subscriptions');
    const subs = res.body?.value ?? [];
    for (const entity of webhookEntities) {
      const resource = subscriptionResource(cfg.companyId, WEBHOOK_SET_OF[entity]);
      const sub = subs.find((s) => s.resource === resource && s.notificationUrl === cfg.notificationUrl);
      checks.push(
        sub
          ? { name: `subscription:${entity}`, ok: true, message: `subscription ${sub.subscriptionId} expires ${sub.expirationDateTime}` }
          : { name: `subscription:${entity}`, ok: false, message: `no subscription on ${resource} for ${cfg.notificationUrl} yet; subscription upkeep creates it on its next run (POST /api/connections/<id>/push/upkeep runs it now)` },
      );
    }
  } catch (raw) {
    const err = raw instanceof ConnectorError ? raw : toConnectorError(raw);
    checks.push({ name: 'subscriptions', ok: false, message: err.message });
  }
  return checks;
}
