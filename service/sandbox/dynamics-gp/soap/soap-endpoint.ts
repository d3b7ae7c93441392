/**
 * The GP Web Services legacy endpoint as the emulator serves it (FACTS §2.2): BasicHttpBinding, i.e. SOAP 1.1 over
 * HTTP with Windows auth (the NTLM verifier and politeness gate of gp-sandbox.ts run first). Dispatch is on the
 * exact SOAPAction of the WSDL binding (generated contract table; the misspelled IRecievableChanges included,
 * FACTS §2.3 #6), case-sensitive like WCF's ContractFilter; the Body element must be that operation in the
 * service namespace and its parameters are read in WSDL order. Operations the configured GP version lacks are
 * neither dispatched nor listed in `?wsdl` (gp-versions.ts).
 */
import type { GpClock } from '../gp-clock.ts';
import type { GpCompany } from '../gp-company.ts';
import { productVersion, soapOperationAvailable, type GpVersion, type VersionOffers } from '../gp-versions.ts';
import type { GpSandboxUser } from '../sandbox-users.ts';
import { CONTRACT_NAMESPACES, SERVED_OPERATIONS } from './contract/contract-spec.ts';
import { GP_CONTRACT } from './contract/gp-contract.generated.ts';
import { readParameters } from './contract-reader.ts';
import { writeResult } from './contract-writer.ts';
import { readRequestEnvelope, SOAP11_CONTENT_TYPE, writeResponseEnvelope } from './soap-envelope.ts';
import { createSoapOperations } from './soap-operations.ts';
import { envelopeFault, renderFault, SoapFaultError, WCF_ADDRESSING_NONE_URI } from './soap-fault.ts';
import { renderWsdl } from './soap-wsdl.ts';

export const SOAP_SERVICE_PATH = '/DynamicsGPWebServices/DynamicsGPService.asmx';

export interface SoapHttpRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  contentType: string | undefined;
  soapAction: string | undefined;
  body: string;
  user: GpSandboxUser;
  /** Absolute URL of the endpoint (for the WSDL's address). */
  location: string;
}

export interface SoapHttpResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export interface SoapEndpointDeps {
  tenant: string;
  companies: GpCompany[];
  clock: GpClock;
  /** The contract namespace the endpoint speaks (2010/01 by default; the legacy one is reported as 2006/01 [C]). */
  serviceUri?: string;
  version: () => GpVersion;
  offers?: VersionOffers;
  byKeyExtras?: boolean;
}

const XML_HEADERS = { 'Content-Type': SOAP11_CONTENT_TYPE };

/** The binding's action of an operation, in the endpoint's namespace: `<ns>/<Interface>/<Operation>`. */
export function soapActionOf(operation: string, serviceUri: string = CONTRACT_NAMESPACES.s): string {
  return `${serviceUri}${GP_CONTRACT.operations[operation]!.action.slice(CONTRACT_NAMESPACES.s.length)}`;
}

export function createSoapEndpoint(deps: SoapEndpointDeps) {
  const serviceUri = deps.serviceUri ?? CONTRACT_NAMESPACES.s;
  const ops = createSoapOperations({ tenant: deps.tenant, companies: deps.companies, clock: deps.clock, byKeyExtras: deps.byKeyExtras ?? false });
  const available = () => SERVED_OPERATIONS.filter((op) => soapOperationAvailable(deps.version(), op, deps.offers));
  const byAction = new Map<string, string>(SERVED_OPERATIONS.map((op) => [soapActionOf(op, serviceUri), op]));
  const fault = (err: SoapFaultError): SoapHttpResponse => ({ status: 500, body: renderFault(err, serviceUri), headers: XML_HEADERS });

  function dispatch(req: SoapHttpRequest): string {
    const action = (req.soapAction ?? '').trim().replace(/^"(.*)"$/, '$1');
    const operation = byAction.get(action);
    if (!operation || !available().includes(operation as (typeof SERVED_OPERATIONS)[number])) {
      throw new SoapFaultError(
        'ActionNotSupported',
        `The message with Action '${action}' cannot be processed at the receiver, due to a ContractFilter mismatch at the EndpointDispatcher. ` +
          'This may be because of either a contract mismatch (mismatched Actions between sender and receiver) or a binding/security mismatch between the sender and the receiver.',
        WCF_ADDRESSING_NONE_URI,
      );
    }
    const body = readRequestEnvelope(req.body);
    if (body.uri !== serviceUri || body.local !== operation) {
      throw new SoapFaultError(
        'InvalidMessage',
        `OperationFormatter encountered an invalid Message body. Expected to find an element with name '${operation}' and namespace '${serviceUri}'. Found {${body.uri}}${body.local}.`,
      );
    }
    const contract = GP_CONTRACT.operations[operation]!;
    const result = ops[operation]!({ operation, params: readParameters(body, operation, contract, serviceUri), user: req.user });
    const content = result === undefined ? '' : writeResult(contract.response, `${operation}Result`, result);
    return writeResponseEnvelope(operation, serviceUri, content);
  }

  return {
    matches: (path: string) => path.toLowerCase() === SOAP_SERVICE_PATH.toLowerCase(),
    handle(req: SoapHttpRequest): SoapHttpResponse {
      if (req.method === 'GET' && req.query.has('wsdl')) {
        const actions = available().map((op) => ({ operation: op, action: soapActionOf(op, serviceUri) }));
        return { status: 200, body: renderWsdl({ serviceUri, actions, productVersion: productVersion(deps.version()), location: req.location }), headers: XML_HEADERS };
      }
      if (req.method !== 'POST') return { status: 405, body: '', headers: { Allow: 'POST' } };
      const type = (req.contentType ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'text/xml') {
        // WCF's BasicHttpBinding answer to a SOAP 1.2 (or any other) content type [C].
        return {
          status: 415,
          body: `Cannot process the message because the content type '${req.contentType ?? ''}' was not the expected type '${SOAP11_CONTENT_TYPE}'.`,
          headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        };
      }
      try {
        return { status: 200, body: dispatch(req), headers: XML_HEADERS };
      } catch (err) {
        if (err instanceof SoapFaultError) return fault(err);
        return fault(envelopeFault('Server', 'The server was unable to process the request due to an internal error.'));
      }
    },
  };
}
