/**
 * The GL journal writer's transport calls, behind one small interface: find Work journal entries by Reference (the
 * writer's idempotent look-up) and create one. The SBA implementation is the receivables client
 * (`Financials/GLTransactions`, receivables-client.ts); the SOAP one is soap/gl-journals-soap.ts (IGeneralLedger:
 * GetGLTransactionList + GetGLTransactionByKey, CreateGLTransaction). gp-clients.ts picks one per connection for
 * the entity `glTransactions` (`entityTransports.glTransactions ?? transport`), so the writer's logic — balance
 * check before writing, fiscal period, GL accounts, look-up by Reference, refusal of a different existing entry —
 * is the same whichever transport serves it.
 */
import type { GpReceivablesClient } from '../receivables-client.ts';

export type GlJournalTransport = Pick<GpReceivablesClient, 'findGlTransactions' | 'createGlTransaction'>;
