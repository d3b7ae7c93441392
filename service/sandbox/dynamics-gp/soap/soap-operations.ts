/**
 * The GP Web Services operations the emulator serves (contract-spec.ts SERVED_OPERATIONS), on the same company
 * data as the SBA resources: framework (companies, policies, currencies), customers, sales documents and GL
 * journal entries. Each returns the value of its `<Operation>Result`; the endpoint serializes it by the contract.
 */
import { createCustomerOperations } from './soap-customers.ts';
import { createFrameworkOperations } from './soap-framework-ops.ts';
import { createGlTransactionOperations } from './soap-gl-transactions.ts';
import { createSalesDocumentOperations } from './soap-sales-documents.ts';
import { createSoapCallTools, type SoapOperation, type SoapOperationDeps } from './soap-call.ts';

export function createSoapOperations(deps: SoapOperationDeps): Record<string, SoapOperation> {
  const tools = createSoapCallTools(deps);
  return {
    ...createFrameworkOperations(tools),
    ...createCustomerOperations(tools),
    ...createSalesDocumentOperations(tools),
    ...createGlTransactionOperations(tools),
  };
}
