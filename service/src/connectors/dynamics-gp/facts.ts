/**
 * What the connector assumes about a GP Service (SBA) installation, in one typed, validated place. Only the
 * URL root and Windows auth are documented ([V] FACTS §2.1, §2.3 #9); the JSON envelopes, the `Payload` body
 * wrapper, the query syntax and the error body are NOT public ([U] FACTS §2.1, §2.3 #12, GP-DOMAIN §7). The
 * defaults match the emulator in service/sandbox/dynamics-gp (its README documents the shapes); an
 * installation whose GP Service differs overrides them in the connection's `facts`.
 */
import { z } from 'zod';

const propertyPath = z.array(z.string().min(1)).min(1);

export const gpSbaFactsSchema = z.object({
  /** Path of the GP Service below the base URL ([V] `/GPService/Tenants(<t>)/Companies(<c>)/...`). */
  servicePath: z.string().regex(/^\/[A-Za-z0-9/_-]*$/).default('/GPService'),
  /** Resource paths below `Companies(<c>)/` ([V] "Sales: Customers" is in the GP 2015 list; exact path [U]). */
  resources: z
    .object({
      customers: z.string().min(1).default('Sales/Customers'),
      /** SOP documents, key (SOPTYPE;SOPNUMBE) [U] ("Sales: Transactions" is in the GP 2015 list). */
      salesTransactions: z.string().min(1).default('Sales/Transactions'),
      /** RM transactions, key (RMDTYPAL;DOCNUMBR) [U] ("Sales: Receivables"). */
      receivables: z.string().min(1).default('Sales/Receivables'),
      /** GL accounts by account string [U]: not in the GP 2015 RTM list (FACTS §2.1). */
      glAccounts: z.string().min(1).default('Financials/GLAccounts'),
      /** Fiscal periods (SY40100 series rows) [U]. */
      fiscalPeriods: z.string().min(1).default('Financials/FiscalPeriods'),
    })
    .prefault({}),
  /** Top-level key wrapping POST/PATCH bodies ([U] seed 001: "wrap the data in a top-level Payload key"). */
  requestEnvelopeKey: z.string().min(1).default('Payload'),
  /** Key holding the entity (or the list) in responses; null = the body itself is the entity / array [U]. */
  responseEnvelopeKey: z.string().min(1).nullable().default('Payload'),
  /** Query option names [U]. */
  query: z
    .object({
      filter: z.string().default('$filter'),
      orderBy: z.string().default('$orderby'),
      top: z.string().default('$top'),
    })
    .prefault({}),
  /** Largest page the service accepts; a larger $top must be refused, not silently capped [U]. */
  maxPageSize: z.number().int().min(1).default(1000),
  /** Property names used in filters and ordering [U]. */
  filterFields: z
    .object({
      modifiedDate: z.string().default('ModifiedDate'),
      customerId: z.string().default('CustomerId'),
    })
    .prefault({}),
  /**
   * How timestamps without a zone are meant: DEX_ROW_TS is UTC ([V] GP-DOMAIN §5), but a service could
   * serialize it as local time. Dates (ModifiedDate) are always read as the server's local date.
   */
  naiveTimestampZone: z.enum(['utc', 'server-local']).default('utc'),
  /** Where the error code and message sit in an error body [U]. */
  errorCodePath: propertyPath.default(['Error', 'Code']),
  errorMessagePath: propertyPath.default(['Error', 'Message']),
  /** Error codes of a 404 that mean "no such record" (as opposed to an unknown company or resource) [U]. */
  entityNotFoundCodes: z.array(z.string()).default(['EntityNotFound']),
  /** Header carrying our request id; the emulator echoes it and uses it as the error CorrelationId [U]. */
  requestIdHeader: z.string().regex(/^[A-Za-z0-9-]+$/).default('X-Request-Id'),
});

export type GpSbaFacts = z.output<typeof gpSbaFactsSchema>;

