/**
 * Which Salesforce connection (org) a package request is about. The package's Named Credential may send the
 * service's connection id in the `X-Connection-Id` header (or `?connection=`); without it the only Salesforce
 * connection is meant. Several and none chosen is a 400 naming the parameter.
 */
import { ApiError } from '../errors.ts';

export const CONNECTION_HEADER = 'X-Connection-Id';
export const CONNECTION_QUERY = 'connection';
const SALESFORCE = 'salesforce';

export function selectSalesforceConnection(connections: ReadonlyArray<{ id: string; system: string }>, chosen: string | undefined): string {
  const salesforce = connections.filter((c) => c.system === SALESFORCE).map((c) => c.id).sort();
  const ask = `the ${CONNECTION_HEADER} header or the "${CONNECTION_QUERY}" query parameter`;
  if (chosen !== undefined && chosen !== '') {
    if (!salesforce.includes(chosen)) {
      throw new ApiError(400, 'BAD_REQUEST', `${CONNECTION_QUERY}: "${chosen}" is not a Salesforce connection of this service; known: ${salesforce.join(', ') || 'none'}`);
    }
    return chosen;
  }
  if (salesforce.length === 1) return salesforce[0] as string;
  if (salesforce.length === 0) throw new ApiError(503, 'NO_SALESFORCE_CONNECTION', 'this service has no Salesforce connection configured');
  throw new ApiError(400, 'BAD_REQUEST', `${CONNECTION_QUERY}: several Salesforce connections are configured (${salesforce.join(', ')}); say which one with ${ask}`);
}
