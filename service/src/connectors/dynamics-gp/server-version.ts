/**
 * Which GP version a connection talks to, learned once at connect time, and the gate that refuses a flow
 * needing an operation that version's transport cannot do (version-coverage.ts).
 * - SBA: the tenant help resource (`/GPService/Tenants(<t>)/help`, FACTS §2.1 [V]); a real GP's help content is
 *   not public, so reading a `Version` property from it is this project's convention [U] (the emulator sends
 *   "Microsoft Dynamics GP <year> (<build>)").
 * - SOAP: the endpoint's `?wsdl` (WCF publishes it [V]) lists the operations the server really has; the GP version
 *   is read from the WSDL's `wsdl:documentation` when it names one [U].
 * The configured `gpVersion` is used when the server does not say; a server that says otherwise wins and the
 * connection test reports the mismatch.
 */
import { ConnectorError } from '../../lib/errors.ts';
import type { GpClients } from './gp-clients.ts';
import { GP_SOAP_OPERATIONS } from './soap/soap-contract.ts';
import { coverageOf, coverageProblem, isGpVersion, type GpEntity, type GpOperation, type GpVersion } from './version-coverage.ts';

export interface ServerFacts {
  /** The version used for coverage decisions. */
  version: GpVersion | undefined;
  /** What the server itself said (undefined when it said nothing readable). */
  reported: GpVersion | undefined;
  /** SOAP operations the WSDL lists, when the connection uses SOAP. */
  soapOperations?: Set<string>;
  /** SBA resources the help lists, when it lists them [U]. */
  sbaResources?: string[];
}

const VERSION_RE = /\b(2015|2016|2018|2025)\b/;

export async function learnServerFacts(clients: GpClients): Promise<ServerFacts> {
  const cfg = clients.config;
  const transports = new Set([cfg.transport, ...Object.values(cfg.entityTransports)]);
  let reported: GpVersion | undefined;
  const facts: ServerFacts = { version: undefined, reported: undefined };
  if (transports.has('sba')) {
    const { body } = await clients.sba().describe();
    const b = (body ?? {}) as { Version?: unknown; Resources?: unknown };
    const m = typeof b.Version === 'string' ? VERSION_RE.exec(b.Version)?.[1] : undefined;
    if (m && isGpVersion(m)) reported = m;
    if (Array.isArray(b.Resources)) facts.sbaResources = b.Resources.filter((r): r is string => typeof r === 'string');
  }
  if (transports.has('soap')) {
    const d = await clients.soap().describe();
    facts.soapOperations = d.operations;
    reported ??= d.version;
  }
  facts.reported = reported;
  facts.version = reported ?? cfg.gpVersion;
  return facts;
}

/** Why the server cannot serve (entity, operation), or undefined when it can (or when nothing is known to refuse it). */
export function serverProblem(clients: GpClients, facts: ServerFacts, entity: GpEntity, operation: GpOperation): string | undefined {
  const transport = clients.transportFor(entity);
  if (facts.version !== undefined) {
    const problem = coverageProblem(facts.version, transport, entity, operation);
    if (problem) return problem;
  }
  if (transport === 'soap' && facts.soapOperations) {
    const via = coverageOf(facts.version ?? '2018', 'soap', entity, operation).row?.via;
    // Every SOAP call needs the company id (GetCompanyList); writes need their policy first (FACTS §2.3 #1–2).
    const ops = ['GetCompanyList', ...(operation === 'read' ? [] : ['GetPolicyByOperation']), ...(via ?? '').split(/\s*\+\s*/)].filter((o) => o in GP_SOAP_OPERATIONS);
    const missing = ops.filter((o) => !facts.soapOperations!.has(o));
    if (missing.length) {
      const sbaToo = facts.version === undefined || coverageOf(facts.version, 'sba', entity, operation).offered;
      const way = sbaToo ? `use transport "sba" for ${entity}` : `and SBA in Dynamics GP ${facts.version} does not offer it either`;
      return `this GP Web Services endpoint does not offer ${missing.join(', ')} (needed to ${operation} ${entity}); its ?wsdl lists ${facts.soapOperations.size} operations — ${way}`;
    }
  }
  return undefined;
}

export interface VersionGate {
  facts(): Promise<ServerFacts>;
  /** Throws a validation ConnectorError naming entity, version and alternative when the server cannot do it. */
  require(entity: GpEntity, operation: GpOperation): Promise<void>;
}

export function createVersionGate(clients: GpClients): VersionGate {
  let pending: Promise<ServerFacts> | undefined;
  const facts = () => {
    if (!pending) {
      pending = learnServerFacts(clients);
      pending.catch(() => (pending = undefined));
    }
    return pending;
  };
  return {
    facts,
    async require(entity, operation) {
      const problem = serverProblem(clients, await facts(), entity, operation);
      if (problem) throw new ConnectorError('validation', problem, { code: 'GP_NOT_OFFERED_BY_VERSION' });
    },
  };
}
