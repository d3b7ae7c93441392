/**
 * The GP Web Services `Customer` DataContract (Microsoft.Dynamics.GP namespace, WSDL 2010/01 [V]) ↔ the flat
 * customer properties the SBA side uses (customer-entity.ts `wireCustomerSchema`), in both directions, so the
 * connector reads and writes the same record whichever transport serves it.
 *
 * Contract details that matter [V WSDL]: members are serialized in DataContract order (base type first, then
 * alphabetical — `Shortname` with a lower-case n sorts after `PaymentTermsKey`); the primary address lives in
 * `Addresses/CustomerAddress` keyed by `DefaultAddressKey`; `CreditLimit.Item` is `xs:anyType` and therefore
 * carries `i:type` = `CreditLimitSpecialAmount` ("No Credit" | "Unlimited Credit") or `MoneyAmount`; phone numbers
 * are `PhoneNumber{CountryCode, Extension, Value}` in the Common namespace; currencies are keyed by ISO code.
 * Salesperson, territory, shipping method and tax schedule are address members in the contract; the flat record
 * keeps the customer-level values (RM00101), which GP copies to the primary address [U].
 */
import { el, child, childText, isNil, xsiType, type Markup, type XmlElement } from './xml.ts';
import { GP_COMMON_NS, GP_DATA_NS } from './soap-contract.ts';

export class SoapDataError extends Error {
  override readonly name = 'SoapDataError';
}

/** Member order of Customer (BusinessObject.Extensions first), from the WSDL. */
export const CUSTOMER_MEMBERS = [
  'Extensions', 'AccountsReceivableGLAccountKey', 'Addresses', 'AllowRevaluation', 'BalanceType', 'BankAccountKey', 'BankBranch', 'BankName',
  'BillToAddressKey', 'CashGLAccountKey', 'ClassKey', 'Comment1', 'Comment2', 'CorporateAccountKey', 'CostOfGoodsSoldGLAccountKey', 'CreatedDate',
  'CreditLimit', 'CurrencyKey', 'DefaultAddressKey', 'DefaultCashAccountType', 'DiscountGracePeriod', 'DueDateGracePeriod', 'FinanceCharge',
  'FinanceChargesGLAccountKey', 'HistoryOptions', 'IncludeInDemandPlanning', 'InventoryGLAccountKey', 'IsActive', 'IsOnHold', 'Key',
  'LastModifiedDate', 'MaximumWriteoff', 'MinimumPayment', 'ModifiedDate', 'Name', 'Notes', 'OrderFullfillmentShortageDefault',
  'OverpaymentWriteoffGLAccountKey', 'PaymentCardAccount', 'PaymentTermsDiscountAvailableGLAccountKey', 'PaymentTermsDiscountTakenGLAccountKey',
  'PaymentTermsKey', 'PostResultsTo', 'PriceLevelKey', 'Priority', 'RateTypeKey', 'SalesGLAccountKey', 'SalesOrderReturnsGLAccountKey',
  'SendEmailStatements', 'ShipCompleteOnly', 'ShipToAddressKey', 'Shortname', 'StatementCycle', 'StatementName', 'StatementRecipients',
  'StatementToAddressKey', 'TaxExemptNumbers', 'TaxRegistrationNumber', 'TradeDiscountPercent', 'UserDefined1', 'UserDefined2', 'UserLanguageKey',
  'WriteoffGLAccountKey',
] as const;

/** Member order of CustomerAddress: BusinessObject → AddressBase → Address → InternationalAddress → BusinessAddress → ConstituentAddress → CustomerAddress. */
export const ADDRESS_MEMBERS = [
  'Extensions', 'City', 'Line1', 'Line2', 'Line3', 'PostalCode', 'State', 'CountryRegion', 'Fax', 'Phone1', 'Phone2', 'Phone3', 'CountryRegionCodeKey',
  'ContactPerson', 'Name', 'CreatedDate', 'InternetAddresses', 'LastModifiedDate', 'ModifiedDate', 'ShippingMethodKey', 'TaxScheduleKey', 'UPSZone',
  'UserDefined1', 'UserDefined2', 'DeleteOnUpdate', 'Key', 'SalesTerritoryKey', 'SalespersonKey', 'WarehouseKey',
] as const;

export interface CurrencyCodes {
  /** GP currency id (e.g. Z-US$) → ISO code (USD). */
  toIso(id: string): string | undefined;
  fromIso(iso: string): string | undefined;
}

const ADDRESS_PROPS = [
  'AddressCode', 'ContactPerson', 'Address1', 'Address2', 'Address3', 'City', 'State', 'Zip', 'CountryCode', 'Country',
  'Phone1', 'Phone2', 'Phone3', 'Fax', 'SalespersonId', 'SalesTerritoryId', 'ShippingMethodId', 'TaxScheduleId',
];
const SPECIAL_CREDIT = ['No Credit', 'Unlimited Credit'] as const;

type Wire = Record<string, unknown>;

const str = (v: unknown): string | undefined => (v === undefined ? undefined : String(v ?? '').trimEnd());
const g = (name: string, content: Parameters<typeof el>[1], attrs?: Record<string, string>) => el(`g:${name}`, content, attrs);
const c = (name: string, content: Parameters<typeof el>[1]) => el(`c:${name}`, content);
const idKey = (name: string, v: unknown, member = 'Id') => (v === undefined ? undefined : g(name, g(member, str(v))));

function phone(name: string, v: unknown): Markup | undefined {
  if (v === undefined) return undefined;
  const digits = str(v) ?? '';
  // GP keeps 10 digits of number + 4 of extension in one char(21) (GP-DOMAIN §2).
  return g(name, [c('Extension', digits.length > 10 ? digits.slice(10) : undefined), c('Value', digits.slice(0, 10))]);
}

function creditLimit(type: unknown, amount: unknown, currencyIso: string | undefined): Markup | undefined {
  if (type === undefined && amount === undefined) return undefined;
  if (type === 0 || type === 1) return g('CreditLimit', g('Item', SPECIAL_CREDIT[type], { 'i:type': 'g:CreditLimitSpecialAmount' }));
  if (type !== 2) throw new SoapDataError(`CreditLimitType must be 0, 1 or 2 to be sent to GP Web Services; got ${String(type)}`);
  return g('CreditLimit', g('Item', [c('Currency', currencyIso), c('Value', String(typeof amount === 'number' ? amount : 0))], { 'i:type': 'c:MoneyAmount' }));
}

/**
 * `<customer>` content from flat properties. Only the properties present are written (DataContract
 * EmitDefaultValue=false), so an update sends what changes plus the key. Read-only dates are written only
 * with `readOnly` (the emulator's responses).
 */
export function customerToXml(wire: Wire, currency: CurrencyCodes, opts: { readOnly?: boolean; currencyDecimals?: number } = {}): Markup[] {
  const iso = (id: unknown) => {
    if (id === undefined) return undefined;
    const s = str(id) ?? '';
    if (s === '') return '';
    const code = currency.toIso(s);
    if (code === undefined) throw new SoapDataError(`CurrencyId "${s}" has no ISO code in this company (GP Web Services key currencies by ISO code)`);
    return code;
  };
  const hasAddress = ADDRESS_PROPS.some((p) => p !== 'AddressCode' && wire[p] !== undefined);
  // Writes must name the address (GP Web Services key addresses by ADRSCODE); a stored customer may have a blank one.
  if (hasAddress && !opts.readOnly && (str(wire.AddressCode) ?? '') === '') {
    throw new SoapDataError('AddressCode is required with address fields: GP Web Services key customer addresses by their id (ADRSCODE)');
  }
  const addressKey = hasAddress || wire.AddressCode !== undefined ? [g('CustomerKey', g('Id', str(wire.CustomerId))), g('Id', str(wire.AddressCode) ?? '')] : undefined;
  const address = hasAddress
    ? g('Addresses', g('CustomerAddress', [
        g('City', str(wire.City)), g('Line1', str(wire.Address1)), g('Line2', str(wire.Address2)), g('Line3', str(wire.Address3)),
        g('PostalCode', str(wire.Zip)), g('State', str(wire.State)), g('CountryRegion', str(wire.Country)),
        phone('Fax', wire.Fax), phone('Phone1', wire.Phone1), phone('Phone2', wire.Phone2), phone('Phone3', wire.Phone3),
        idKey('CountryRegionCodeKey', wire.CountryCode), g('ContactPerson', str(wire.ContactPerson)),
        idKey('ShippingMethodKey', wire.ShippingMethodId), idKey('TaxScheduleKey', wire.TaxScheduleId),
        g('Key', addressKey), idKey('SalesTerritoryKey', wire.SalesTerritoryId), idKey('SalespersonKey', wire.SalespersonId),
      ]))
    : undefined;
  const ro = (name: string) => (opts.readOnly && wire[name] !== undefined ? g(name, String(wire[name])) : undefined);
  const bool = (v: unknown) => (v === undefined ? undefined : v === true ? 'true' : 'false');
  return [
    address ?? el('g:Addresses', undefined),
    idKey('ClassKey', wire.ClassId),
    ro('CreatedDate'),
    creditLimit(wire.CreditLimitType, wire.CreditLimitAmount, iso(wire.CurrencyId)),
    idKey('CurrencyKey', wire.CurrencyId === undefined ? undefined : iso(wire.CurrencyId), 'ISOCode'),
    addressKey ? g('DefaultAddressKey', addressKey) : el('g:DefaultAddressKey', undefined),
    g('IsActive', bool(wire.IsActive)),
    g('IsOnHold', bool(wire.IsOnHold)),
    g('Key', g('Id', str(wire.CustomerId))),
    ro('LastModifiedDate'),
    ro('ModifiedDate'),
    g('Name', str(wire.Name)),
    idKey('PaymentTermsKey', wire.PaymentTermsId),
    g('Shortname', str(wire.ShortName)),
    g('StatementName', str(wire.StatementName)),
  ].filter((m): m is Markup => m !== undefined && m.xml !== '');
}

/** Fails unless every child is a GP-namespace member of `type`, in contract order. */
export function checkMembers(e: XmlElement, type: string, order: readonly string[], supported: readonly string[]): void {
  let last = -1;
  for (const m of e.children) {
    if (m.ns !== GP_DATA_NS) throw new SoapDataError(`${type}.${m.local} must be in namespace ${GP_DATA_NS} (got ${m.ns || 'no namespace'})`);
    const at = order.indexOf(m.local);
    if (at === -1) throw new SoapDataError(`${type} has no member "${m.local}"`);
    if (at <= last) throw new SoapDataError(`${type}.${m.local} is out of order: DataContract members must follow the contract order (${type}.${order[last]} came first)`);
    last = at;
    if (!supported.includes(m.local)) throw new SoapDataError(`${type}.${m.local} is not supported by this endpoint`);
  }
}

function keyId(parent: XmlElement | undefined, name: string, member = 'Id'): string | undefined {
  const k = child(parent, GP_DATA_NS, name);
  if (k === undefined || isNil(k)) return undefined;
  return childText(k, GP_DATA_NS, member) ?? '';
}

function readPhone(parent: XmlElement, name: string): string | undefined {
  const p = child(parent, GP_DATA_NS, name);
  if (p === undefined) return undefined;
  if (isNil(p)) return '';
  for (const m of p.children) if (m.ns !== GP_COMMON_NS) throw new SoapDataError(`PhoneNumber.${m.local} must be in namespace ${GP_COMMON_NS}`);
  return `${childText(p, GP_COMMON_NS, 'Value') ?? ''}${childText(p, GP_COMMON_NS, 'Extension') ?? ''}`;
}

const USED_CUSTOMER = ['Addresses', 'ClassKey', 'CreatedDate', 'CreditLimit', 'CurrencyKey', 'DefaultAddressKey', 'IsActive', 'IsOnHold', 'Key', 'LastModifiedDate', 'ModifiedDate', 'Name', 'PaymentTermsKey', 'Shortname', 'StatementName'];
const USED_ADDRESS = ['City', 'Line1', 'Line2', 'Line3', 'PostalCode', 'State', 'CountryRegion', 'Fax', 'Phone1', 'Phone2', 'Phone3', 'CountryRegionCodeKey', 'ContactPerson', 'ShippingMethodKey', 'TaxScheduleKey', 'Key', 'SalesTerritoryKey', 'SalespersonKey'];

function readBool(e: XmlElement, name: string): boolean | undefined {
  const v = childText(e, GP_DATA_NS, name);
  if (v === undefined) return undefined;
  if (v !== 'true' && v !== 'false') throw new SoapDataError(`Customer.${name} must be true or false, got "${v}"`);
  return v === 'true';
}

/** Flat properties from a `Customer` element (only those present). Strict: order, namespaces, types. */
export function customerFromXml(e: XmlElement, currency: CurrencyCodes): Wire {
  checkMembers(e, 'Customer', CUSTOMER_MEMBERS, USED_CUSTOMER);
  const out: Wire = {};
  const set = (k: string, v: unknown) => {
    if (v !== undefined) out[k] = v;
  };
  const fromIso = (iso: string | undefined) => {
    if (iso === undefined || iso === '') return iso;
    const id = currency.fromIso(iso);
    if (id === undefined) throw new SoapDataError(`no currency with ISO code "${iso}" is set up in this company`);
    return id;
  };
  set('CustomerId', keyId(e, 'Key'));
  set('Name', childText(e, GP_DATA_NS, 'Name'));
  set('ShortName', childText(e, GP_DATA_NS, 'Shortname'));
  set('StatementName', childText(e, GP_DATA_NS, 'StatementName'));
  set('ClassId', keyId(e, 'ClassKey'));
  set('PaymentTermsId', keyId(e, 'PaymentTermsKey'));
  set('CurrencyId', fromIso(keyId(e, 'CurrencyKey', 'ISOCode')));
  set('IsOnHold', readBool(e, 'IsOnHold'));
  set('IsActive', readBool(e, 'IsActive'));
  for (const d of ['CreatedDate', 'ModifiedDate', 'LastModifiedDate']) set(d, childText(e, GP_DATA_NS, d));
  const credit = child(child(e, GP_DATA_NS, 'CreditLimit'), GP_DATA_NS, 'Item');
  if (credit) {
    const t = xsiType(credit);
    if (t?.ns === GP_DATA_NS && t.local === 'CreditLimitSpecialAmount') {
      const i = SPECIAL_CREDIT.indexOf(credit.text as (typeof SPECIAL_CREDIT)[number]);
      if (i === -1) throw new SoapDataError(`CreditLimit.Item must be "No Credit" or "Unlimited Credit", got "${credit.text}"`);
      set('CreditLimitType', i);
      set('CreditLimitAmount', 0);
    } else if (t?.ns === GP_COMMON_NS && t.local === 'MoneyAmount') {
      const value = Number(childText(credit, GP_COMMON_NS, 'Value') ?? 'NaN');
      if (!Number.isFinite(value)) throw new SoapDataError('CreditLimit.Item (MoneyAmount) needs a numeric Value');
      set('CreditLimitType', 2);
      set('CreditLimitAmount', value);
    } else {
      throw new SoapDataError('CreditLimit.Item is xs:anyType: give i:type="CreditLimitSpecialAmount" or i:type="MoneyAmount" with their namespaces');
    }
  }
  const defaultAddress = child(child(e, GP_DATA_NS, 'DefaultAddressKey'), GP_DATA_NS, 'Id')?.text;
  const addresses = child(e, GP_DATA_NS, 'Addresses')?.children ?? [];
  for (const a of addresses) {
    if (a.ns !== GP_DATA_NS || a.local !== 'CustomerAddress') throw new SoapDataError(`Customer.Addresses holds CustomerAddress elements, not ${a.local}`);
    checkMembers(a, 'CustomerAddress', ADDRESS_MEMBERS, USED_ADDRESS);
  }
  const primary = addresses.find((a) => keyId(a, 'Key') === defaultAddress) ?? (defaultAddress === undefined ? addresses[0] : undefined);
  if (addresses.length > 0 && primary === undefined) throw new SoapDataError(`Customer.Addresses has no address with the DefaultAddressKey "${defaultAddress}"`);
  if (addresses.length > 1) throw new SoapDataError('only the default address is supported (one CustomerAddress)');
  set('AddressCode', primary ? keyId(primary, 'Key') : defaultAddress);
  if (primary) {
    set('ContactPerson', childText(primary, GP_DATA_NS, 'ContactPerson'));
    set('Address1', childText(primary, GP_DATA_NS, 'Line1'));
    set('Address2', childText(primary, GP_DATA_NS, 'Line2'));
    set('Address3', childText(primary, GP_DATA_NS, 'Line3'));
    set('City', childText(primary, GP_DATA_NS, 'City'));
    set('State', childText(primary, GP_DATA_NS, 'State'));
    set('Zip', childText(primary, GP_DATA_NS, 'PostalCode'));
    set('Country', childText(primary, GP_DATA_NS, 'CountryRegion'));
    set('CountryCode', keyId(primary, 'CountryRegionCodeKey'));
    for (const p of ['Phone1', 'Phone2', 'Phone3', 'Fax']) set(p, readPhone(primary, p));
    set('SalespersonId', keyId(primary, 'SalespersonKey'));
    set('SalesTerritoryId', keyId(primary, 'SalesTerritoryKey'));
    set('ShippingMethodId', keyId(primary, 'ShippingMethodKey'));
    set('TaxScheduleId', keyId(primary, 'TaxScheduleKey'));
  }
  return out;
}
