/**
 * eConnect-style data errors. The text follows `DYNAMICS..taErrorCode` as eConnect throws it (GP-DOMAIN §6):
 * "Sql procedure error codes returned: / Error Number = N  Stored Procedure X  Error Description = …".
 * Error numbers are the ones Microsoft's own procedures assign (DDL of taUpdateCreateCustomerRcd, [V]);
 * the description texts for numbers other than 190/221/67/7738 are written in the same style [U].
 */
import { SbaError } from './sba-error.ts';

export interface EconnectErrorInput {
  number: number;
  procedure: string;
  description: string;
  /** Key parameters echoed under "Node Identifier Parameters". */
  keys: Record<string, string>;
  /** HTTP status the GP Service answers with (default 400; 409 for "already exists"). */
  status?: number;
}

export function formatEconnectMessage(e: EconnectErrorInput): string {
  const keyLines = Object.entries(e.keys).map(([k, v]) => `${k} = ${v}`);
  return [
    'Sql procedure error codes returned:',
    `Error Number = ${e.number}  Stored Procedure ${e.procedure}  Error Description = ${e.description}`,
    `Node Identifier Parameters: ${e.procedure}`,
    ...keyLines,
  ].join('\n');
}

export function econnectError(e: EconnectErrorInput): SbaError {
  return new SbaError(e.status ?? 400, `eConnect.${e.number}`, formatEconnectMessage(e));
}
