/**
 * Posted receivables, cash receipts, applications, customer balances and GL journal entries, for the registry
 * in gp-sandbox.ts (the SOP / RM work documents, GL accounts and fiscal periods are in document-setup.ts).
 */
import { cashReceiptsResource } from './cash-receipts.ts';
import { customerBalancesResource } from './customer-balances.ts';
import { glTransactionsResource } from './gl-transactions.ts';
import { receivablesDocumentsResource } from './receivables-documents.ts';
import { receivablesApplicationsResource } from './rm-applies.ts';

export const RECEIVABLES_RESOURCES = [receivablesDocumentsResource, cashReceiptsResource, receivablesApplicationsResource, customerBalancesResource, glTransactionsResource] as const;
