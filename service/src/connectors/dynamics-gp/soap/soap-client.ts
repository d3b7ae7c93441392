/**
 * The GpClient interface (client.ts) over GP Web Services: the legacy BasicHttpBinding endpoint, SOAP 1.1, HTTP
 * Windows (NTLM) auth on the same connection pool and politeness limiter as SBA (FACTS §2.2, §2.3 #7; seeds
 * 000/001). The customer feed and the engine cannot tell which transport served them.
 *
 * - Context carries the company's integer CompanyKey, resolved once with GetCompanyList and cached
 *   (FACTS §2.3 #1); TenantName is the configured tenant.
 * - Reads: GetCustomerList with `CustomerCriteria.ModifiedDate` as a BetweenRestrictionOfNullableOfdateTime
 *   `From` (FACTS §2.3 #4) returns summaries only (§2.3 #3); the page is ordered by (ModifiedDate, Id) and cut by
 *   the keyset here, then each customer is read with GetCustomerByKey.
 * - Writes: GetPolicyByOperation first (§2.3 #2, cached per operation), then Create/UpdateCustomer; updates
 *   read the customer first (it must exist, like SBA's PATCH) and send the key plus what changes.
 */
import { randomUUID } from 'node:crypto';
import { ConnectorError } from '../../../lib/errors.ts';
import { createRequestBudget } from '../../../lib/http/request-budget.ts';
import { type HttpRequest, type NtlmLease } from '../../../lib/ntlm/ntlm-connection-pool.ts';
import type { GpClient, GpClientDeps, ListCustomersOptions } from '../client.ts';
import { accountOf, createGpConnectionPool } from '../auth.ts';
import { parseGpConnectionConfig, type GpConnectionConfig } from '../config.ts';
import { toGpCustomer, toWireCustomerInput, wireCustomerSchema, type GpCustomer } from '../entities.ts';
import { mapGpTransportError } from '../errors.ts';
import { assertDate } from '../sba-url.ts';
import { createServerTime } from '../server-time.ts';
import { isGpVersion, type GpVersion } from '../version-coverage.ts';
import { customerFromXml, customerToXml, SoapDataError, type CurrencyCodes } from './customer-codec.ts';
import { contextXml, envelope, operationBody, policyXml, readEnvelope, SOAP11_CONTENT_TYPE } from './envelope.ts';
import { GP_COMMON_NS, GP_DATA_NS, DATE_RANGE_TYPE, soapAction, type GpSoapOperation } from './soap-contract.ts';
import { mapSoapFault, mapSoapHttpError, type SoapErrorContext } from './soap-faults.ts';
import { child, childText, children, el, isNil, parseXml, XmlError, type Markup, type XmlElement } from './xml.ts';

export interface SoapCompany {
  id: number;
  name: string;
}

export interface SoapServiceDescription {
  /** Operation names the endpoint's WSDL offers. */
  operations: Set<string>;
  /** GP version named in the WSDL documentation, when it names one [U]. */
  version?: GpVersion;
}

export interface GpSoapClient extends GpClient {
  companies(): Promise<SoapCompany[]>;
  companyKey(): Promise<number>;
  describe(): Promise<SoapServiceDescription>;
  /**
   * One operation in the company's context, for the other entities' SOAP transports (soap/sales-orders-soap.ts):
   * `members` are the parameters before `context`; `policy: true` sends the operation's policy after it
   * (GetPolicyByOperation first, cached — FACTS §2.3 #2). `result` is the `<Operation>Result` element (undefined
   * for operations that return nothing, or a nil result).
   */
  invoke(operation: GpSoapOperation, members: Markup[], opts?: { policy?: boolean; signal?: AbortSignal }): Promise<{ result: XmlElement | undefined; requestId: string }>;
}

interface Summary {
  id: string;
  modifiedDate: string;
}

const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';
const VERSION_RE = /Dynamics GP (2015|2016|2018|2025)\b/;

/** Upper-case code-unit order: GP's key order (CI collation), the same order the SBA list is sorted in. */
function compareIds(a: string, b: string): number {
  const x = a.toUpperCase();
  const y = b.toUpperCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

export function createGpSoapClient(input: GpConnectionConfig, deps: GpClientDeps): GpSoapClient {
  const cfg = parseGpConnectionConfig(input);
  const clock = deps.clock ?? { now: Date.now };
  const serverTime = createServerTime({ timezone: cfg.timezone, utcOffsetMinutes: cfg.utcOffsetMinutes });
  const account = accountOf(cfg);
  const base = new URL(cfg.soap.baseUrl ?? cfg.baseUrl);
  const endpointPath = `${base.pathname.replace(/\/+$/, '')}${cfg.soap.servicePath}`;
  const endpoint = `${base.origin}${endpointPath}`;
  const serviceNs = cfg.soap.namespace;
  const limiter = deps.limiter ?? createRequestBudget({ maxConcurrent: cfg.maxConcurrent, minSpacingMs: cfg.minSpacingMs });
  const pool = createGpConnectionPool(cfg, base.origin, deps.dispatcherFactory);
  const log = deps.logger.child({ system: 'dynamics-gp', transport: 'soap', company: cfg.company });

  async function send(operation: string, req: HttpRequest, requestId: string) {
    const ctx: SoapErrorContext = { operation, requestId, account, now: clock.now() };
    let lease: NtlmLease | undefined;
    const started = clock.now();
    try {
      lease = await pool.acquire();
      await lease.prepare(req);
      const leased = lease;
      const res = await limiter.run(() => leased.send(req));
      log.debug({ operation, status: res.status, ms: clock.now() - started, requestId }, 'GP SOAP call');
      return { res, ctx };
    } catch (err) {
      const mapped = mapGpTransportError(err, { operation, requestId, account, facts: cfg.facts, now: clock.now() });
      log.warn({ operation, requestId, category: mapped.category, status: mapped.status, code: mapped.code }, mapped.message);
      throw mapped;
    } finally {
      lease?.release();
    }
  }

  async function call(operation: GpSoapOperation, content: Array<Markup | undefined>, signal?: AbortSignal): Promise<{ result: XmlElement; requestId: string }> {
    const requestId = randomUUID();
    const body = envelope(operationBody(operation, content, serviceNs));
    const headers = { 'content-type': SOAP11_CONTENT_TYPE, soapaction: `"${soapAction(operation, serviceNs)}"`, [cfg.facts.requestIdHeader]: requestId };
    const { res, ctx } = await send(operation, { method: 'POST', path: endpointPath, headers, body, signal }, requestId);
    let parsed: ReturnType<typeof readEnvelope> | undefined;
    try {
      parsed = /xml/i.test(String(res.headers['content-type'] ?? '')) ? readEnvelope(res.body) : undefined;
    } catch (err) {
      if (!(err instanceof XmlError)) throw err;
    }
    const fail = (e: ConnectorError) => {
      log.warn({ operation, requestId, category: e.category, status: e.status, code: e.code }, e.message);
      return e;
    };
    if (parsed?.kind === 'fault') throw fail(mapSoapFault(parsed.fault, { ...ctx, now: clock.now() }));
    if (res.status < 200 || res.status >= 300) throw fail(mapSoapHttpError(res, { ...ctx, now: clock.now() }, endpoint));
    if (!parsed || parsed.element.ns !== serviceNs || parsed.element.local !== `${operation}Response`) {
      throw fail(new ConnectorError('transient', `GP ${operation} answered HTTP ${res.status} without a ${operation}Response envelope`, { code: 'GP_UNEXPECTED_RESPONSE', requestId }));
    }
    return { result: parsed.element, requestId };
  }

  let companiesPromise: Promise<SoapCompany[]> | undefined;
  let keyPromise: Promise<number> | undefined;
  let currencyPromise: Promise<CurrencyCodes> | undefined;
  const policies = new Map<string, Promise<{ id: string; name?: string; root?: string }>>();

  /** Caches a lookup, forgetting failures so that the next call tries again. */
  function cached<T>(get: () => Promise<T> | undefined, set: (p: Promise<T> | undefined) => void, load: () => Promise<T>): Promise<T> {
    const existing = get();
    if (existing) return existing;
    const p = load();
    set(p);
    p.catch(() => set(undefined));
    return p;
  }

  const companies = () =>
    cached(
      () => companiesPromise,
      (p) => (companiesPromise = p),
      async () => {
        // GetCompanyList needs no context (it lists what the caller may open); an empty criteria returns all.
        const { result } = await call('GetCompanyList', [el('criteria', '')]);
        return children(child(result, serviceNs, 'GetCompanyListResult'), GP_DATA_NS, 'Company').map((c) => ({
          id: Number(childText(child(c, GP_DATA_NS, 'Key'), GP_COMMON_NS, 'Id')),
          name: (childText(c, GP_DATA_NS, 'Name') ?? '').trim(),
        }));
      },
    );

  const companyKey = () =>
    cached(
      () => keyPromise,
      (p) => (keyPromise = p),
      async () => {
        const list = await companies();
        const found = cfg.companyKey !== undefined ? list.find((c) => c.id === cfg.companyKey) : list.find((c) => c.name.toUpperCase() === cfg.company.toUpperCase());
        if (!found || !Number.isInteger(found.id)) {
          const wanted = cfg.companyKey !== undefined ? `company id ${cfg.companyKey}` : `company "${cfg.company}"`;
          const available = list.map((c) => `${c.name} (${c.id})`).join(', ') || 'none';
          throw new ConnectorError('validation', `GP Web Services has no ${wanted} that ${account} may open; available: ${available}`, { status: 404, code: 'CompanyNotFound' });
        }
        return found.id;
      },
    );

  const context = async () => contextXml(await companyKey(), cfg.tenant);

  const currencies = () =>
    cached(
      () => currencyPromise,
      (p) => (currencyPromise = p),
      async () => {
        const { result } = await call('GetCurrencyList', [el('criteria', ''), await context()]);
        const pairs = children(child(result, serviceNs, 'GetCurrencyListResult'), GP_DATA_NS, 'Currency').map((c) => ({
          id: (childText(c, GP_DATA_NS, 'Id') ?? '').trim(),
          iso: (childText(child(c, GP_DATA_NS, 'Key'), GP_DATA_NS, 'ISOCode') ?? '').trim(),
        }));
        return {
          toIso: (id) => pairs.find((p) => p.id.toUpperCase() === id.toUpperCase())?.iso,
          fromIso: (iso) => pairs.find((p) => p.iso.toUpperCase() === iso.toUpperCase())?.id,
        };
      },
    );

  const policy = (operation: GpSoapOperation) => {
    let p = policies.get(operation);
    if (!p) {
      p = (async () => {
        const { result } = await call('GetPolicyByOperation', [el('operation', operation), await context()]);
        const pol = child(result, serviceNs, 'GetPolicyByOperationResult');
        const id = childText(child(pol, GP_COMMON_NS, 'Key'), GP_COMMON_NS, 'Id');
        if (!pol || !id) throw new ConnectorError('transient', `GP GetPolicyByOperation(${operation}) returned no policy key`, { code: 'GP_UNEXPECTED_RESPONSE' });
        return { id, name: childText(pol, GP_COMMON_NS, 'Name'), root: childText(pol, GP_COMMON_NS, 'RootBusinessObjectName') };
      })();
      policies.set(operation, p);
      p.catch(() => policies.delete(operation));
    }
    return p;
  };

  function readCustomer(wire: Record<string, unknown>, operation: string, requestId: string): GpCustomer {
    const parsed = wireCustomerSchema.safeParse(wire);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new ConnectorError('transient', `GP ${operation} returned a customer the connector cannot read: ${problems}`, { code: 'GP_UNEXPECTED_RESPONSE', requestId });
    }
    try {
      return toGpCustomer(parsed.data, cfg.facts, serverTime);
    } catch (err) {
      throw new ConnectorError('transient', `GP ${operation} returned customer ${parsed.data.CustomerId} with an unreadable date: ${(err as Error).message}`, { code: 'GP_UNEXPECTED_RESPONSE', requestId });
    }
  }

  function decode<T>(operation: string, requestId: string, f: () => T): T {
    try {
      return f();
    } catch (err) {
      if (err instanceof SoapDataError) throw new ConnectorError('transient', `GP ${operation} answered with data the connector cannot read: ${err.message}`, { code: 'GP_UNEXPECTED_RESPONSE', requestId });
      throw err;
    }
  }

  async function getWire(id: string, signal?: AbortSignal): Promise<{ wire: Record<string, unknown> | undefined; requestId: string }> {
    const key = el('key', el('g:Id', id.trim()));
    const codes = await currencies();
    try {
      const { result, requestId } = await call('GetCustomerByKey', [key, await context()], signal);
      const customer = child(result, serviceNs, 'GetCustomerByKeyResult');
      if (!customer) throw new ConnectorError('transient', 'GP GetCustomerByKey answered without a customer', { code: 'GP_UNEXPECTED_RESPONSE', requestId });
      return { wire: decode('GetCustomerByKey', requestId, () => customerFromXml(customer, codes)), requestId };
    } catch (err) {
      if (err instanceof ConnectorError && err.code === 'BusinessObjectNotFound') return { wire: undefined, requestId: err.requestId ?? '' };
      throw err;
    }
  }

  function wireToSend(wire: Record<string, unknown>, codes: CurrencyCodes, operation: string): Markup {
    try {
      return el('customer', customerToXml(wire, codes));
    } catch (err) {
      if (err instanceof SoapDataError) throw new ConnectorError('validation', `GP ${operation}: ${err.message}`, { code: 'GP_SOAP_INPUT' });
      throw err;
    }
  }

  async function summaries(from: string | null, signal?: AbortSignal): Promise<{ list: Summary[]; requestId: string }> {
    const range = from === null ? undefined : el('g:ModifiedDate', el('c:From', `${assertDate(from, 'modifiedFrom')}T00:00:00`), { 'i:type': `c:${DATE_RANGE_TYPE}` });
    const criteria = el('criteria', [el('c:columns', null), el('c:convertToUpperCaseRestriction', null), el('c:restrictions', null), range]);
    const { result, requestId } = await call('GetCustomerList', [criteria, await context()], signal);
    const list = children(child(result, serviceNs, 'GetCustomerListResult'), GP_DATA_NS, 'CustomerSummary').map((s) => ({
      id: (childText(child(s, GP_DATA_NS, 'Key'), GP_DATA_NS, 'Id') ?? '').trim().toUpperCase(),
      modifiedDate: (childText(s, GP_DATA_NS, 'ModifiedDate') ?? '').slice(0, 10),
    }));
    return { list, requestId };
  }

  return {
    async listCustomers(opts: ListCustomersOptions) {
      if (!Number.isInteger(opts.top) || opts.top < 1 || opts.top > cfg.facts.maxPageSize) {
        throw new ConnectorError('validation', `listCustomers: top must be 1..${cfg.facts.maxPageSize}, got ${opts.top}`, { code: 'GP_BAD_PAGE_SIZE' });
      }
      const after = opts.after ? { date: assertDate(opts.after.modifiedDate, 'after.modifiedDate'), id: opts.after.customerId.trim().toUpperCase() } : null;
      const { list, requestId } = await summaries(after?.date ?? opts.modifiedFrom ?? null, opts.signal);
      const page = list
        .filter((s) => !after || s.modifiedDate > after.date || (s.modifiedDate === after.date && compareIds(s.id, after.id) > 0))
        .sort((a, b) => (a.modifiedDate < b.modifiedDate ? -1 : a.modifiedDate > b.modifiedDate ? 1 : compareIds(a.id, b.id)))
        .slice(0, opts.top);
      // GetCustomerList returns summaries only (FACTS §2.3 #3): read each customer in full, in page order.
      const full = await Promise.all(page.map((s) => getWire(s.id, opts.signal)));
      const customers: GpCustomer[] = [];
      full.forEach(({ wire, requestId: rid }, i) => {
        if (!wire) return; // deleted since the list was read: nothing to sync
        const c = readCustomer(wire, 'GetCustomerByKey', rid);
        if (c.ModifiedDate !== page[i]!.modifiedDate) {
          throw new ConnectorError('transient', `GP customer ${c.CustomerId} changed while the page was read; reading the page again`, { code: 'GP_CHANGED_DURING_READ', requestId: rid });
        }
        customers.push(c);
      });
      return { customers, requestId };
    },
    async getCustomer(id, opts) {
      const { wire, requestId } = await getWire(id, opts?.signal);
      return { customer: wire && readCustomer(wire, 'GetCustomerByKey', requestId), requestId };
    },
    async createCustomer(customer, opts) {
      const codes = await currencies();
      const body = wireToSend(toWireCustomerInput(customer), codes, 'CreateCustomer');
      const pol = await policy('CreateCustomer');
      const { requestId } = await call('CreateCustomer', [body, await context(), policyXml(pol)], opts?.signal);
      const { wire } = await getWire(customer.CustomerId, opts?.signal);
      if (!wire) throw new ConnectorError('transient', `GP created customer ${customer.CustomerId} but cannot read it back`, { code: 'GP_UNEXPECTED_RESPONSE', requestId });
      return { customer: readCustomer(wire, 'CreateCustomer', requestId), requestId };
    },
    async updateCustomer(id, changes, opts) {
      const current = await getWire(id, opts?.signal);
      if (!current.wire) {
        // Like SBA's PATCH (FACTS §2.3 #11): the customer must exist.
        throw new ConnectorError('validation', `GP updateCustomer failed: customer '${id.trim().toUpperCase()}' does not exist`, { status: 404, code: 'EntityNotFound', requestId: current.requestId });
      }
      const delta = toWireCustomerInput(changes);
      const merged = { ...current.wire, ...delta };
      const send: Record<string, unknown> = { CustomerId: current.wire.CustomerId, ...delta };
      const addressProps = ['AddressCode', 'ContactPerson', 'Address1', 'Address2', 'Address3', 'City', 'State', 'Zip', 'CountryCode', 'Country', 'Phone1', 'Phone2', 'Phone3', 'Fax', 'SalespersonId', 'SalesTerritoryId', 'ShippingMethodId', 'TaxScheduleId'];
      if (addressProps.some((p) => p in delta)) for (const p of addressProps) send[p] = merged[p];
      if ('CreditLimitType' in delta || 'CreditLimitAmount' in delta || ('CurrencyId' in delta && merged.CreditLimitType === 2)) {
        for (const p of ['CreditLimitType', 'CreditLimitAmount', 'CurrencyId']) send[p] = merged[p];
      }
      const codes = await currencies();
      const body = wireToSend(send, codes, 'UpdateCustomer');
      const pol = await policy('UpdateCustomer');
      const { requestId } = await call('UpdateCustomer', [body, await context(), policyXml(pol)], opts?.signal);
      const { wire } = await getWire(id, opts?.signal);
      if (!wire) throw new ConnectorError('transient', `GP updated customer ${id} but cannot read it back`, { code: 'GP_UNEXPECTED_RESPONSE', requestId });
      return { customer: readCustomer(wire, 'UpdateCustomer', requestId), requestId };
    },
    send(operation, _method, resourcePath) {
      // SBA resource paths have no SOAP equivalent here: refuse plainly, naming the way out.
      return Promise.reject(
        new ConnectorError('validation', `GP ${operation}: "${resourcePath.split(/[(?]/)[0]}" is an SBA resource; this connection reads it over SOAP — set transport (or entityTransports for that entity) to "sba"`, {
          code: 'GP_SBA_ONLY',
        }),
      );
    },
    companies,
    companyKey,
    async invoke(operation, members, opts) {
      const pol = opts?.policy ? policyXml(await policy(operation)) : undefined;
      const { result, requestId } = await call(operation, [...members, await context(), pol], opts?.signal);
      const out = child(result, serviceNs, `${operation}Result`);
      return { result: out && !isNil(out) ? out : undefined, requestId };
    },
    async describe() {
      const requestId = randomUUID();
      const { res, ctx } = await send('GetWsdl', { method: 'GET', path: `${endpointPath}?wsdl`, headers: { accept: 'text/xml', [cfg.facts.requestIdHeader]: requestId } }, requestId);
      if (res.status !== 200) throw mapSoapHttpError(res, { ...ctx, now: clock.now() }, endpoint);
      let root: XmlElement;
      try {
        root = parseXml(res.body);
      } catch (err) {
        throw new ConnectorError('transient', `GP Web Services answered ?wsdl with something that is not XML: ${(err as Error).message}`, { code: 'GP_UNEXPECTED_RESPONSE', requestId });
      }
      const operations = new Set(children(root, WSDL_NS, 'portType').flatMap((p) => children(p, WSDL_NS, 'operation').map((o) => o.attrs.get('name') ?? '')));
      const match = VERSION_RE.exec(child(root, WSDL_NS, 'documentation')?.text ?? '')?.[1];
      return { operations, version: match && isGpVersion(match) ? match : undefined };
    },
    stats: () => ({ limiter: limiter.stats(), pool: pool.stats() }),
    close: () => pool.close(),
  };
}
