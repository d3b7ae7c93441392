/**
 * The GP Web Services legacy endpoint as the emulator serves it (FACTS §2.2): BasicHttpBinding, i.e. SOAP 1.1
 * over HTTP with Windows auth (the NTLM verifier and politeness gate of gp-sandbox.ts run first), dispatch on the
 * exact SOAPAction URI of the 2010/01 contract (including the misspelled IRecievableChanges, §2.3 #6), faults for
 * anything malformed. Operations a configured GP version lacks are not dispatched (gp-versions.ts).
 */
import { operationBody, readEnvelope, SOAP11_CONTENT_TYPE } from '../../../src/connectors/dynamics-gp/soap/envelope.ts';
import { envelope } from '../../../src/connectors/dynamics-gp/soap/envelope.ts';
import { operationOfAction, SOAP11_ENV_NS, type GpSoapOperation } from '../../../src/connectors/dynamics-gp/soap/soap-contract.ts';
import { XmlError } from '../../../src/connectors/dynamics-gp/soap/xml.ts';
import type { GpClock } from '../gp-clock.ts';
import type { GpCompany } from '../gp-company.ts';
import { productVersion, soapOperationAvailable, type GpVersion } from '../gp-versions.ts';
import type { GpSandboxUser } from '../sandbox-users.ts';
import { createSoapOperations } from './soap-operations.ts';
import { renderFault, SoapFaultError, WCF_ADDRESSING_NONE_NS } from './soap-fault.ts';
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

const XML_HEADERS = { 'Content-Type': SOAP11_CONTENT_TYPE };

export function createSoapEndpoint(deps: { tenant: string; companies: GpCompany[]; clock: GpClock; serviceNs: string; version: () => GpVersion }) {
  const ops = createSoapOperations({ tenant: deps.tenant, companies: deps.companies, clock: deps.clock, serviceNs: deps.serviceNs });
  const available = () => (Object.keys(ops) as GpSoapOperation[]).filter((op) => soapOperationAvailable(deps.version(), op));
  const fault = (err: SoapFaultError): SoapHttpResponse => ({ status: 500, body: renderFault(err), headers: XML_HEADERS });

  return {
    matches: (path: string) => path.toLowerCase() === SOAP_SERVICE_PATH.toLowerCase(),
    handle(req: SoapHttpRequest): SoapHttpResponse {
      if (req.method === 'GET' && req.query.has('wsdl')) {
        return { status: 200, body: renderWsdl({ serviceNs: deps.serviceNs, operations: available(), productVersion: productVersion(deps.version()), location: req.location }), headers: XML_HEADERS };
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
        const action = (req.soapAction ?? '').trim().replace(/^"(.*)"$/, '$1');
        const operation = operationOfAction(action, deps.serviceNs);
        if (!operation || !ops[operation] || !available().includes(operation)) {
          throw new SoapFaultError(
            'ActionNotSupported',
            `The message with Action '${action}' cannot be processed at the receiver, due to a ContractFilter mismatch at the EndpointDispatcher. ` +
              'This may be because of either a contract mismatch (mismatched Actions between sender and receiver) or a binding/security mismatch between the sender and the receiver.',
            WCF_ADDRESSING_NONE_NS,
          );
        }
        let read;
        try {
          read = readEnvelope(req.body);
        } catch (err) {
          if (err instanceof XmlError) {
            const versionMismatch = /not a SOAP 1\.1 envelope/.test(err.message);
            throw new SoapFaultError(versionMismatch ? 'VersionMismatch' : 'Client', err.message, SOAP11_ENV_NS);
          }
          throw err;
        }
        if (read.kind === 'fault') throw new SoapFaultError('Client', 'a request cannot be a Fault', SOAP11_ENV_NS);
        const body = read.element;
        if (body.ns !== deps.serviceNs || body.local !== operation) {
          throw new SoapFaultError(
            'InvalidMessage',
            `OperationFormatter encountered an invalid Message body. Expected to find an element with name '${operation}' and namespace '${deps.serviceNs}'. Found {${body.ns}}${body.local}.`,
          );
        }
        const content = ops[operation]({ body, user: req.user });
        return { status: 200, body: envelope(operationBody(`${operation}Response`, content, deps.serviceNs)), headers: XML_HEADERS };
      } catch (err) {
        if (err instanceof SoapFaultError) return fault(err);
        return fault(new SoapFaultError('Server', 'The server was unable to process the request due to an internal error.', SOAP11_ENV_NS));
      }
    },
  };
}
