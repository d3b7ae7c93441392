/**
 * The contract's `Customer` (WSDL 2010/01 [V]) ↔ the customer master the SBA side keeps (RM00101, flat wire names of
 * resources/customer-columns.ts). Contract facts used: keys are objects (`Key{Id}`, `ClassKey{Id}`,
 * `PaymentTermsKey{Id}`, `CurrencyKey{ISOCode}`: currencies are keyed by ISO code); the primary address is the
 * `Addresses/CustomerAddress` whose `Key{CustomerKey, Id}` equals `DefaultAddressKey`; phone numbers are
 * `PhoneNumber{CountryCode, Extension, Value}` (Common); `CreditLimit.Item` is xs:anyType, so it travels with an
 * i:type: `CreditLimitSpecialAmount` ("No Credit" | "Unlimited Credit") or `MoneyAmount`.
 * Emulator choices [U]: salesperson, territory, shipping method and tax schedule (RM00101) are shown on the default
 * address; phone `Value` = the first 10 digits, `Extension` = the rest (GP keeps 10 + 4 digits in one char(21),
 * GP-DOMAIN §2); strings come back trimmed; reads carry only what the store models.
 */
import { type ContractObject } from './contract-reader.ts';
import { typed, type WireObject } from './contract-writer.ts';
import { invalidMessage, validationFailed } from './soap-fault.ts';

type Flat = Record<string, unknown>;

export interface CurrencyCodes {
  /** GP currency id (Z-US$) → ISO code (USD), undefined when the company has none. */
  toIso(id: string): string | undefined;
  fromIso(iso: string): string | undefined;
}

const SPECIAL_CREDIT = ['No Credit', 'Unlimited Credit'] as const;
const trim = (v: unknown) => String(v ?? '').trimEnd();

const CUSTOMER_MEMBERS = ['Addresses', 'ClassKey', 'CreditLimit', 'CurrencyKey', 'DefaultAddressKey', 'IsActive', 'IsOnHold', 'Key', 'Name', 'PaymentTermsKey', 'Shortname', 'StatementName'];
const SET_BY_GP = ['CreatedDate', 'ModifiedDate', 'LastModifiedDate'];
const ADDRESS_MEMBERS = [
  'City', 'Line1', 'Line2', 'Line3', 'PostalCode', 'State', 'CountryRegion', 'Fax', 'Phone1', 'Phone2', 'Phone3', 'CountryRegionCodeKey', 'ContactPerson',
  'ShippingMethodKey', 'TaxScheduleKey', 'Key', 'SalesTerritoryKey', 'SalespersonKey',
];
/** Address member ↔ the flat property. */
const ADDRESS_TEXT: Array<[member: string, prop: string]> = [
  ['City', 'City'], ['Line1', 'Address1'], ['Line2', 'Address2'], ['Line3', 'Address3'], ['PostalCode', 'Zip'], ['State', 'State'], ['CountryRegion', 'Country'],
  ['ContactPerson', 'ContactPerson'],
];
const ADDRESS_KEYS: Array<[member: string, prop: string]> = [
  ['CountryRegionCodeKey', 'CountryCode'], ['ShippingMethodKey', 'ShippingMethodId'], ['TaxScheduleKey', 'TaxScheduleId'], ['SalesTerritoryKey', 'SalesTerritoryId'],
  ['SalespersonKey', 'SalespersonId'],
];
const PHONES = ['Phone1', 'Phone2', 'Phone3', 'Fax'];

const keyId = (o: ContractObject | undefined, name: string) => {
  const k = o?.object(name, ['Id']);
  return k === undefined ? undefined : (k.text('Id') ?? '').trim();
};

function readPhone(address: ContractObject, name: string): string | undefined {
  if (!address.has(name)) return undefined;
  const p = address.object(name, ['Extension', 'Value'])!;
  return `${p.text('Value') ?? ''}${p.text('Extension') ?? ''}`;
}

function readCreditLimit(customer: ContractObject, out: Flat): void {
  const limit = customer.object('CreditLimit', ['Item']);
  if (!limit?.has('Item')) return;
  const type = limit.typeOf('Item');
  if (type === 'g:CreditLimitSpecialAmount') {
    out.CreditLimitType = SPECIAL_CREDIT.indexOf(limit.enumValue('Item') as (typeof SPECIAL_CREDIT)[number]);
    out.CreditLimitAmount = 0;
  } else if (type === 'c:MoneyAmount') {
    const value = limit.object('Item', ['Currency', 'Value'])!.decimal('Value');
    if (value === undefined) throw invalidMessage('Customer.CreditLimit.Item (MoneyAmount) needs a Value');
    out.CreditLimitType = 2;
    out.CreditLimitAmount = value;
  } else {
    throw invalidMessage(`Customer.CreditLimit.Item must be a CreditLimitSpecialAmount or a MoneyAmount, got ${type}`);
  }
}

/** The flat properties a `customer` parameter carries (only those present: an update changes only what it sends). */
export function readCustomer(customer: ContractObject, currency: CurrencyCodes): Flat {
  for (const m of SET_BY_GP) if (customer.has(m)) throw validationFailed(`Customer.${m} is set by GP and cannot be sent`);
  const c = customer;
  const out: Flat = {};
  const set = (prop: string, v: unknown) => v !== undefined && (out[prop] = v);
  set('CustomerId', keyId(c, 'Key'));
  set('Name', c.text('Name'));
  set('ShortName', c.text('Shortname'));
  set('StatementName', c.text('StatementName'));
  set('ClassId', keyId(c, 'ClassKey'));
  set('PaymentTermsId', keyId(c, 'PaymentTermsKey'));
  const iso = c.object('CurrencyKey', ['ISOCode'])?.text('ISOCode')?.trim();
  if (iso !== undefined) {
    const id = iso === '' ? '' : currency.fromIso(iso);
    if (id === undefined) throw validationFailed(`Customer.CurrencyKey: no currency with ISO code "${iso}" is set up in this company`);
    out.CurrencyId = id;
  }
  set('IsOnHold', c.bool('IsOnHold'));
  set('IsActive', c.bool('IsActive'));
  readCreditLimit(c, out);
  const defaultId = c.object('DefaultAddressKey', ['CustomerKey', 'Id'])?.text('Id')?.trim();
  const addresses = c.list('Addresses', ADDRESS_MEMBERS);
  if (addresses.length > 1) throw validationFailed('Customer.Addresses: this emulator keeps one address per customer (the default address)');
  const primary = addresses[0];
  const primaryId = primary?.object('Key', ['CustomerKey', 'Id'])?.text('Id')?.trim();
  if (primary && defaultId !== undefined && primaryId !== defaultId) throw validationFailed(`Customer.Addresses has no address with the DefaultAddressKey "${defaultId}"`);
  set('AddressCode', primaryId ?? defaultId);
  if (primary) {
    for (const [member, prop] of ADDRESS_TEXT) set(prop, primary.text(member));
    for (const [member, prop] of ADDRESS_KEYS) set(prop, keyId(primary, member));
    for (const p of PHONES) set(p, readPhone(primary, p));
  }
  return out;
}

function phone(digits: unknown): WireObject {
  const d = trim(digits);
  return { Extension: d.length > 10 ? d.slice(10) : undefined, Value: d.slice(0, 10) };
}

function creditLimit(wire: Flat, iso: string): WireObject {
  const type = wire.CreditLimitType;
  if (type === 0 || type === 1) return { Item: typed('g:CreditLimitSpecialAmount', SPECIAL_CREDIT[type]) };
  return { Item: typed('c:MoneyAmount', { Currency: iso, Value: Number(wire.CreditLimitAmount ?? 0) }) };
}

/** A `Customer` for GetCustomerByKey, from the SBA wire form of the stored customer. */
export function writeCustomer(wire: Flat, currency: CurrencyCodes): WireObject {
  const id = trim(wire.CustomerId);
  const currencyId = trim(wire.CurrencyId);
  const iso = currencyId === '' ? '' : (currency.toIso(currencyId) ?? '');
  const addressKey = { CustomerKey: { Id: id }, Id: trim(wire.AddressCode) };
  const address: WireObject = { Key: addressKey };
  for (const [member, prop] of ADDRESS_TEXT) address[member] = trim(wire[prop]);
  for (const [member, prop] of ADDRESS_KEYS) address[member] = { Id: trim(wire[prop]) };
  for (const p of PHONES) address[p] = phone(wire[p]);
  return {
    Addresses: [address],
    ClassKey: { Id: trim(wire.ClassId) },
    CreatedDate: String(wire.CreatedDate),
    CreditLimit: creditLimit(wire, iso),
    CurrencyKey: { ISOCode: iso },
    DefaultAddressKey: addressKey,
    IsActive: wire.IsActive === true,
    IsOnHold: wire.IsOnHold === true,
    Key: { Id: id },
    LastModifiedDate: String(wire.LastModifiedDate),
    ModifiedDate: String(wire.ModifiedDate),
    Name: trim(wire.Name),
    PaymentTermsKey: { Id: trim(wire.PaymentTermsId) },
    Shortname: trim(wire.ShortName),
    StatementName: trim(wire.StatementName),
  };
}

export const CUSTOMER_READ_MEMBERS = [...CUSTOMER_MEMBERS, ...SET_BY_GP];
