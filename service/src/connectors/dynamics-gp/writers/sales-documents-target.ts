/**
 * The GP connection's `salesDocuments` target, as module.ts wires it: validates the flow's target options and
 * builds a writer whose SOP look-up/create/update go over `sales` (SBA or SOAP, chosen for entity `salesOrders` in
 * gp-clients.ts) and everything else (RM documents, fiscal periods, GL accounts) over SBA. One writer per run, so its guards
 * (fiscal calendar, GL accounts) are cached for exactly one run.
 */
import { z } from 'zod';
import type { Writer } from '../../../engine/types.ts';
import { ConfigError } from '../../../lib/errors.ts';
import type { GpClient } from '../client.ts';
import type { GpConnectionConfig } from '../config.ts';
import { createGpDocumentsClient } from '../documents-client.ts';
import { createSalesDocumentWriter } from './sales-document-writer.ts';
import type { SalesDocumentTransport } from './sales-document-transport.ts';

export const SALES_DOCUMENTS_ENTITY = 'salesDocuments';

const optionsSchema = z
  .object({
    /** GP document number = prefix + Salesforce OrderNumber (SOPNUMBE ≤ 21, DOCNUMBR ≤ 20). */
    documentNumberPrefix: z.string().regex(/^[A-Za-z0-9-]{0,8}$/, 'must be 0–8 letters, digits or dashes').default('SF'),
    /** Account segment (1-based) a CostCenter replaces. */
    costCenterSegment: z.number().int().min(1).max(10).default(1),
    maxBatchSize: z.number().int().min(1).max(200).default(25),
  })
  .strict();

export function createSalesDocumentsTarget(client: Pick<GpClient, 'send'>, cfg: GpConnectionConfig, options: Record<string, unknown>, sales?: SalesDocumentTransport): Writer {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `flow target options.${i.path.join('.')}: ${i.message}`));
  const docs = createGpDocumentsClient(client, cfg.facts);
  return createSalesDocumentWriter(docs, { company: cfg.company, ...parsed.data }, sales ?? docs);
}
