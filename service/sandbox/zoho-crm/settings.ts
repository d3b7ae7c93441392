/**
 * Behaviour the published facts leave open ([U]) or that differs between OAS revisions, in one place so tests
 * and benchmarks can switch it (factory option `behaviour`, `admin.setBehaviour`). Defaults follow the strongest
 * source found; the README lists each with its source.
 */
export interface BehaviourSettings {
  /** [C] Kaizen #203 / v8 docs: ≤100 records per insert, update, upsert and delete call (FACTS §5.1 #6 [U]). */
  maxRecordsPerWrite: number;
  /** [V] v8 OAS (newer revision) lists 204 for an empty list; FACTS §5.1 #7. 200 answers `{data:[], info}`. */
  emptyListStatus: 204 | 200;
  /** [U] Zoho's status-code table has 304 for If-Modified-Since with nothing modified; 204 is the alternative. */
  notModifiedStatus: 304 | 204;
  /** [U] Real Zoho may ignore unknown field API names on write; the emulator refuses them (INVALID_DATA) by default. */
  unknownFieldPolicy: 'error' | 'ignore';
  /** [V] v8 search docs: `equals` on text fields behaves like `contains` (picklists excepted). */
  searchEqualsIsContains: boolean;
  /** [V] v8 OAS: records beyond the first 2,000 need page_token (DISCRETE_PAGINATION_LIMIT_EXCEEDED). */
  discretePaginationLimit: number;
  /** [V] v8 OAS: page_token pages end at 100,000 records (PAGINATION_LIMIT_EXCEEDED). */
  pageTokenRecordLimit: number;
  /** [U] lifetime of a page_token (the OAS only shows that an expiry is returned). */
  pageTokenTtlMs: number;
  /** [V] v8 OAS example: at most 50 field API names in `fields`. */
  maxFieldsPerGet: number;
  /** [V] Kaizen/docs: If-Modified-Since returns records modified after the instant; [U] strict vs inclusive at second resolution. */
  ifModifiedSinceInclusive: boolean;
  /** [V] newer v8 OAS: 207 for mixed watch results; the older notifications.json (shared spec) says 202. */
  watchMultiStatus: 207 | 202;
  /** [V] v2–v6 docs and FACTS: token ≤ 50 characters (the newer OAS allows 256). */
  maxChannelTokenLength: number;
  /** Allow http:// notify URLs on loopback hosts (tests, npm start); Zoho requires a public https URL [U]. */
  allowHttpNotifyUrl: boolean;
  /** [U] Zoho answers `Authorization: Bearer` with 401; switch on to accept it. */
  acceptBearer: boolean;
  /** [U] Zoho's search index lags writes ("may receive 204 due to indexing delays" [V]); delay in sandbox ms. */
  searchIndexDelayMs: number;
  /** [U] maximum criteria in one search (docs say 10, the error text says 15). */
  maxSearchCriteria: number;
}

export const DEFAULT_BEHAVIOUR: BehaviourSettings = {
  maxRecordsPerWrite: 100,
  emptyListStatus: 204,
  notModifiedStatus: 304,
  unknownFieldPolicy: 'error',
  searchEqualsIsContains: true,
  discretePaginationLimit: 2_000,
  pageTokenRecordLimit: 100_000,
  pageTokenTtlMs: 24 * 60 * 60 * 1000,
  maxFieldsPerGet: 50,
  ifModifiedSinceInclusive: false,
  watchMultiStatus: 207,
  maxChannelTokenLength: 50,
  allowHttpNotifyUrl: false,
  acceptBearer: false,
  searchIndexDelayMs: 0,
  maxSearchCriteria: 10,
};
