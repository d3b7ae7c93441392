/**
 * The slice of the GP Web Services contract the connector uses, copied from the WSDL of the native endpoint
 * (shared/specs/dynamics-gp/schemas.microsoft.com.dynamics.gp.2010.01.wsdl; fixture extract in
 * test/fixtures/dynamics-gp/). Names are exact, including the WSDL's spelling:
 * - body elements are in the service namespace `http://schemas.microsoft.com/dynamics/gp/2010/01` [V];
 * - business objects (Customer, CustomerCriteria, CustomerKey) are DataContracts in `…/Microsoft.Dynamics.GP`,
 *   Context, CompanyKey, Policy and the restriction types in `…/Microsoft.Dynamics.Common` [V];
 * - the ModifiedDate restriction type is `BetweenRestrictionOfNullableOfdateTime`, lower-case "d" (DataContract
 *   generic naming; legacy proxies spell it `…DateTime`) [V FACTS §2.2];
 * - SOAP actions are `<ns>/<Interface>/<Operation>`; change tracking lives on `IRecievableChanges` (sic) [V
 *   FACTS §2.3 #6].
 * The endpoint is the legacy-style BasicHttpBinding one (SOAP 1.1, HTTP Windows auth, FACTS §2.2, §2.3 #7): the
 * native endpoint needs WS-SecureConversation, which a plain HTTP client cannot speak.
 */

export const SOAP11_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const GP_SERVICE_NS = 'http://schemas.microsoft.com/dynamics/gp/2010/01';
export const GP_DATA_NS = 'http://schemas.datacontract.org/2004/07/Microsoft.Dynamics.GP';
export const GP_COMMON_NS = 'http://schemas.datacontract.org/2004/07/Microsoft.Dynamics.Common';
export const SERIALIZATION_ARRAYS_NS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';

/** The DataContract name of the date range restriction (lower-case d) [V]. */
export const DATE_RANGE_TYPE = 'BetweenRestrictionOfNullableOfdateTime';

/** Operation → WSDL interface (portType segment of the action URI). */
export const GP_SOAP_OPERATIONS = {
  GetCompanyList: 'ICompany',
  GetPolicyByOperation: 'IPolicy',
  GetCurrencyList: 'ICurrency',
  GetCustomerList: 'IReceivableCards',
  GetCustomerByKey: 'IReceivableCards',
  CreateCustomer: 'IReceivableCards',
  UpdateCustomer: 'IReceivableCards',
  // sic: "Recievable" is misspelled in the real contract (FACTS §2.3 #6).
  GetChangedCustomerKeyList: 'IRecievableChanges',
  GetSalesOrderList: 'ISalesOrderTransactions',
  CreateSalesOrder: 'ISalesOrderTransactions',
  GetSalesOrderByKey: 'ISalesOrderTransactions',
  GetGLAccountList: 'IGeneralLedger',
  CreateGLTransaction: 'IGeneralLedger',
  GetGLTransactionByKey: 'IGeneralLedger',
  GetGLTransactionList: 'IGeneralLedger',
  GetVendorList: 'IPayablesCards',
} as const;

export type GpSoapOperation = keyof typeof GP_SOAP_OPERATIONS;

export function soapAction(operation: GpSoapOperation, serviceNs: string = GP_SERVICE_NS): string {
  return `${serviceNs}/${GP_SOAP_OPERATIONS[operation]}/${operation}`;
}

/** The operation an action URI names, if it is one of ours (exact match, case-sensitive like WCF's filter). */
export function operationOfAction(action: string, serviceNs: string = GP_SERVICE_NS): GpSoapOperation | undefined {
  return (Object.keys(GP_SOAP_OPERATIONS) as GpSoapOperation[]).find((op) => soapAction(op, serviceNs) === action);
}

/** Namespace declarations every request body element carries (prefixes g, c, i, a). */
export const BODY_NAMESPACES = {
  xmlns: GP_SERVICE_NS,
  'xmlns:g': GP_DATA_NS,
  'xmlns:c': GP_COMMON_NS,
  'xmlns:i': 'http://www.w3.org/2001/XMLSchema-instance',
} as const;
