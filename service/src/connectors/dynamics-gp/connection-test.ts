/**
 * "Ping your real systems" for Dynamics GP: reach, TLS, auth, GP version and coverage of the flows' needs,
 * company, and the mapped GP user's permission to read each entity the connector reads — one ConnectionCheck
 * each, every message saying what was found and, when not ok, what to fix. No secret is ever in a message.
 * Stops at the first failure that makes later checks meaningless (unreachable, untrusted, refused).
 */
import type { ConnectionCheck } from '../../engine/connections.ts';
import { toConnectorError, type ConnectorError } from '../../lib/errors.ts';
import type { GpClients } from './gp-clients.ts';
import { serverProblem, type ServerFacts, type VersionGate } from './server-version.ts';
import { coverageOf, type GpEntity } from './version-coverage.ts';

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME|TLS|SSL/i;
/** Entities whose read the connector can probe without writing anything. */
const PROBED_READS: GpEntity[] = ['customers'];

function isTls(e: ConnectorError): boolean {
  return TLS_CODES.test(e.code ?? '') || /TLS certificate/.test(e.message);
}

function firstContact(clients: GpClients, err: ConnectorError | undefined, url: string): ConnectionCheck[] {
  const secure = url.startsWith('https://');
  if (!err) {
    return [
      { name: 'reach', ok: true, message: `reached ${url}` },
      { name: 'tls', ok: true, message: secure ? 'the server certificate is trusted' : 'plain HTTP (allowInsecureHttp): acceptable for the sandbox only' },
      { name: 'auth', ok: true, message: `signed in as ${clients.config.domain}\\${clients.config.username} (Windows/NTLM)` },
    ];
  }
  if (err.category === 'auth' && isTls(err)) {
    return [
      { name: 'reach', ok: true, message: `reached ${url}` },
      { name: 'tls', ok: false, message: `${err.message} — set caPem to the PEM of the CA that issued the GP server's certificate` },
    ];
  }
  if (err.category === 'auth' && err.status !== 403) {
    return [
      { name: 'reach', ok: true, message: `reached ${url}` },
      { name: 'tls', ok: true, message: secure ? 'the server certificate is trusted' : 'plain HTTP (allowInsecureHttp): acceptable for the sandbox only' },
      {
        name: 'auth',
        ok: false,
        message: `${err.message} — check domain, username and the password, that the account is not locked, and that it maps to a GP user (GP: Administration » User Setup)`,
      },
    ];
  }
  if (err.status === 404 && err.code !== 'CompanyNotFound') {
    return [{ name: 'reach', ok: false, message: `${err.message} — ${url} answered, but not as the GP service; check baseUrl${clients.config.transport === 'soap' ? ', soap.baseUrl and soap.servicePath' : ' and facts.servicePath'}` }];
  }
  return [{ name: 'reach', ok: false, message: `${err.message} — check that ${url} is reachable from this service (DNS, firewall, port) and that the GP service is running` }];
}

function versionCheck(clients: GpClients, facts: ServerFacts): ConnectionCheck {
  const configured = clients.config.gpVersion;
  if (facts.reported && configured && facts.reported !== configured) {
    return { name: 'version', ok: false, message: `the server reports Dynamics GP ${facts.reported} but gpVersion says ${configured} — correct gpVersion (coverage is decided with ${facts.reported})` };
  }
  if (facts.version === undefined) {
    return { name: 'version', ok: false, message: 'the server did not say which Dynamics GP version it runs — set gpVersion (2015, 2016, 2018 or 2025) so coverage can be checked' };
  }
  return { name: 'version', ok: true, message: `Dynamics GP ${facts.version} (${facts.reported ? 'reported by the server' : 'from gpVersion'})` };
}

function coverageChecks(clients: GpClients, facts: ServerFacts): ConnectionCheck[] {
  return clients.config.flowNeeds.flatMap(({ entity, operations }) =>
    operations.map((operation): ConnectionCheck => {
      const name = `coverage:${entity}:${operation}`;
      const problem = serverProblem(clients, facts, entity, operation);
      if (problem) return { name, ok: false, message: problem };
      const transport = clients.transportFor(entity);
      const answer = facts.version ? coverageOf(facts.version, transport, entity, operation) : undefined;
      const evidence = answer?.evidence === 'U' ? ' — unverified for this version in Microsoft\'s docs: confirm on the server (/help or ?wsdl)' : '';
      return { name, ok: true, message: `${transport.toUpperCase()} offers ${operation} of ${entity}${answer?.row ? ` (${answer.row.via})` : ''}${evidence}` };
    }),
  );
}

async function companyCheck(clients: GpClients): Promise<ConnectionCheck> {
  const cfg = clients.config;
  if (clients.transportFor('customers') === 'soap' || cfg.transport === 'soap') {
    try {
      const key = await clients.soap().companyKey();
      return { name: 'company', ok: true, message: `company "${cfg.company}" is GP company id ${key}` };
    } catch (raw) {
      const e = toConnectorError(raw);
      return { name: 'company', ok: false, message: `${e.message} — set company to one of those names (or companyKey to its id), or give ${cfg.domain}\\${cfg.username}'s GP user access to it` };
    }
  }
  return { name: 'company', ok: true, message: `company "${cfg.company}" in tenant ${cfg.tenant} (confirmed by the permission checks below)` };
}

async function permissionCheck(clients: GpClients, entity: GpEntity): Promise<ConnectionCheck> {
  const name = `permission:${entity}`;
  try {
    const { customers } = await clients.forEntity(entity).listCustomers({ top: 1 });
    return { name, ok: true, message: `${entity} are readable (${customers.length === 0 ? 'none yet' : `e.g. ${customers[0]!.CustomerId}`})` };
  } catch (raw) {
    const e = toConnectorError(raw);
    if (e.code === 'CompanyNotFound' || /access to company/i.test(e.message)) {
      return { name: 'company', ok: false, message: `${e.message} — check tenant and company (the GP company name or its database name) and the GP user's company access` };
    }
    if (e.status === 403 || e.code === 'AccessDenied') {
      return { name, ok: false, message: `${e.message} — grant the GP user security access to ${entity} (Sales » Customers) in company "${clients.config.company}"` };
    }
    return { name, ok: false, message: e.message };
  }
}

export async function runGpConnectionTest(clients: GpClients, gate: VersionGate): Promise<ConnectionCheck[]> {
  const cfg = clients.config;
  const url = cfg.transport === 'soap' ? `${cfg.soap.baseUrl ?? cfg.baseUrl}${cfg.soap.servicePath}` : cfg.baseUrl;
  let facts: ServerFacts;
  try {
    facts = await gate.facts();
  } catch (raw) {
    return firstContact(clients, toConnectorError(raw), url);
  }
  const checks = [...firstContact(clients, undefined, url), versionCheck(clients, facts), ...coverageChecks(clients, facts)];
  const company = await companyCheck(clients);
  checks.push(company);
  if (!company.ok) return checks;
  for (const { entity, operations } of cfg.flowNeeds) {
    if (!operations.includes('read') || !PROBED_READS.includes(entity)) continue;
    const check = await permissionCheck(clients, entity);
    if (check.name === 'company') {
      checks.splice(checks.indexOf(company), 1, check);
      return checks;
    }
    checks.push(check);
  }
  return checks;
}
