/**
 * What the emulator takes from the GP Web Services contract (WSDL 2010/01, FACTS §2.2): the operations it serves
 * and the DataContract types its codecs read and write. `generate-contract.ts` copies exactly these from the WSDL
 * into `gp-contract.generated.ts`; enumerations used by their members come along. Nothing here is hand-typed
 * contract data: names only.
 */

/** Namespace aliases used in the generated table (type references read `g:SalesInvoice`, `x:string`). */
export const CONTRACT_NAMESPACES = {
  s: 'http://schemas.microsoft.com/dynamics/gp/2010/01',
  g: 'http://schemas.datacontract.org/2004/07/Microsoft.Dynamics.GP',
  c: 'http://schemas.datacontract.org/2004/07/Microsoft.Dynamics.Common',
  a: 'http://schemas.microsoft.com/2003/10/Serialization/Arrays',
  ser: 'http://schemas.microsoft.com/2003/10/Serialization/',
  x: 'http://www.w3.org/2001/XMLSchema',
  sec: 'http://schemas.datacontract.org/2004/07/Microsoft.Dynamics.Security',
  sys: 'http://schemas.datacontract.org/2004/07/System',
} as const;

export type NsAlias = keyof typeof CONTRACT_NAMESPACES;

export const SERVED_OPERATIONS = [
  'GetCompanyList',
  'GetPolicyByOperation',
  'GetCurrencyList',
  'GetCustomerList',
  'GetCustomerByKey',
  'CreateCustomer',
  'UpdateCustomer',
  'GetChangedCustomerKeyList',
  'CreateSalesOrder',
  'GetSalesOrderByKey',
  'GetSalesOrderList',
  'UpdateSalesOrder',
  'DeleteSalesOrder',
  'GetSalesInvoiceByKey',
  'GetSalesInvoiceList',
  'UpdateSalesInvoice',
  'DeleteSalesInvoice',
  'CreateGLTransaction',
  'GetGLTransactionByKey',
  'GetGLTransactionList',
] as const;

export const CONTRACT_TYPE_NAMES = [
  // Framework (Common): context, policy, criteria and restrictions, amounts
  'c:Context', 'c:CompanyKey', 'c:Policy', 'c:PolicyKey', 'c:ArrayOfBehavior', 'c:Criteria', 'c:MoneyAmount', 'c:Quantity', 'c:PhoneNumber',
  'c:BetweenRestrictionOfNullableOfdateTime', 'c:BetweenRestrictionOfNullableOfint', 'c:RestrictionOfNullableOfboolean',
  'c:LikeRestrictionOfstring', 'c:BetweenRestrictionOfstring', 'c:ListRestrictionOfNullableOfSalesTransactionState',
  'c:ListRestrictionOfNullableOfGLTransactionState', 'c:RestrictionOfNullableOfDataModificationAction', 'a:ArrayOfstring',
  // Companies, currencies
  'g:CompanyCriteria', 'g:Company', 'g:ArrayOfCompany', 'g:CurrencyCriteria', 'g:Currency', 'g:ArrayOfCurrency', 'g:CurrencyKey',
  // Customers
  'g:CustomerCriteria', 'g:CustomerSummary', 'g:ArrayOfCustomerSummary', 'g:Customer', 'g:CustomerKey', 'g:ArrayOfCustomerAddress',
  'g:CustomerAddress', 'g:CustomerAddressKey', 'g:CountryRegionCodeKey', 'g:CustomerClassKey', 'g:PaymentTermsKey', 'g:SalespersonKey',
  'g:SalesTerritoryKey', 'g:ShippingMethodKey', 'g:TaxScheduleKey', 'g:CreditLimit', 'g:CustomerCreditLimit', 'g:CreditLimitSpecialAmount', 'g:CustomerChangedKeyCriteria', 'g:ChangedCustomerKey',
  'g:ArrayOfChangedCustomerKey',
  // Sales documents
  'g:SalesOrder', 'g:SalesOrderLine', 'g:ArrayOfSalesOrderLine', 'g:SalesInvoice', 'g:SalesInvoiceLine', 'g:ArrayOfSalesInvoiceLine',
  'g:SalesDocumentKey', 'g:SalesDocumentTypeKey', 'g:SalesLineKey', 'g:BatchKey', 'g:ItemKey', 'g:GLAccountNumberKey', 'g:WarehouseKey',
  'g:SalesOrderCriteria', 'g:SalesInvoiceCriteria', 'g:SalesOrderSummary', 'g:ArrayOfSalesOrderSummary', 'g:SalesInvoiceSummary',
  'g:ArrayOfSalesInvoiceSummary',
  // GL journal entries
  'g:GLTransaction', 'g:GLTransactionLine', 'g:ArrayOfGLTransactionLine', 'g:GLTransactionKey', 'g:GLTransactionLineKey',
  'g:GLTransactionCriteria', 'g:GLTransactionSummary', 'g:ArrayOfGLTransactionSummary', 'g:SourceDocumentKey',
] as const;
