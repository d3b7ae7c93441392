/**
 * Reference data a sync maps from (OAS operation ids in brackets):
 * - locations (plants): `GET /api/v2/locations` [locations_list] (active, headquarter, search, order_by) and
 *   `GET /api/v2/locations/{id}` [locations_retrieve]. The OAS wraps each list item as `{metadata, data:[LocationView]}`
 *   (PaginatedLocationViewSerializerListList), which reads as a generator artefact; items are plain LocationView
 *   objects unless `locationListShape: 'oas-nested'` [U].
 * - departments (cost centres): `GET /api/v3/departments` [departments_list] (branch, locations, search,
 *   include_is_active_for_account_code), `POST` [departments_create] → 201, `PUT /api/v3/departments/{id}`
 *   [departments_update].
 * - account codes (GL accounts): `GET /api/v3/account-codes` [Accountcodes_list] (active, code, is_parent, search),
 *   `POST` [Accountcodes_createAccountCodes] → 201 (and an account for each listed department),
 *   `PUT /api/v3/account-codes/{id}` [Accountcodes_updateAccountCode]; a duplicate code is refused [U].
 * - accounts (department × account code, what order items are charged to): `GET /api/v3/accounts` [accounts_list].
 * - currencies: `GET /api/v2/currencies` [currencies_list]; the API user: `GET /api/v3/users/me` [Users_getLoggedInUser].
 */
import { validateBody, type Fields } from './drf-validation.ts';
import { notFound, validationError } from './errors.ts';
import type { Account, AccountCode, Currency, Department, Location } from './model.ts';
import { createLocationNotEmulated } from './not-emulated-routes.ts';
import { paginate } from './paging.ts';
import { buildFilter, buildSearch, sortRows, type FilterSpec } from './query-filters.ts';
import type { ApiCall, ApiResult, RouteDef } from './router.ts';
import { accountCodeRead, chartOfAccountsAccount, currency, departmentRead, locationView } from './serialize-common.ts';
import { mustGet, type Table, type TenantData } from './tenant-data.ts';

function listOf<T extends { id: number }>(call: ApiCall, rows: T[], specs: Array<FilterSpec<T>>, search: (row: T) => Array<string | null>, sortFields: Record<string, (row: T) => string | number | null>, defaultOrder: string[]) {
  const keep = buildFilter(call.query, specs, { timeZone: call.tenant.data.timeZone, errorKey: call.settings.filterErrorKey });
  const matches = buildSearch(call.query, search);
  const sorted = sortRows(
    rows.filter((r) => keep(r) && matches(r)),
    call.query,
    sortFields,
    defaultOrder,
    (r) => r.id,
  );
  return paginate(sorted, call.url, call.settings);
}

function byId<T>(table: Table<T>, text: string): T {
  const row = /^\d+$/.test(text) ? table.get(Number(text)) : undefined;
  if (row === undefined) throw notFound();
  return row;
}

function validated(fields: Fields, body: unknown): Record<string, unknown> {
  const result = validateBody(fields, body);
  if (!result.ok) throw validationError(result.errors);
  return result.value;
}

const exists = <T>(table: Table<T>) => (id: number) => table.get(id) !== undefined;

function departmentFields(data: TenantData): Fields {
  return {
    branch: { type: 'pk', required: true, exists: exists(data.locations) },
    external_id: { type: 'string', maxLength: 100, nullable: true, allowBlank: true },
    name: { type: 'string', required: true, maxLength: 150 },
    active: { type: 'boolean' },
    punchout_email: { type: 'string', nullable: true },
  };
}

function writeDepartment(data: TenantData, value: Record<string, unknown>, existing?: Department): Department {
  const fields = { locationId: value.branch as number, name: value.name as string, external_id: (value.external_id as string | null | undefined) ?? null, active: (value.active as boolean | undefined) ?? true, punchout_email: (value.punchout_email as string | null | undefined) ?? null };
  if (existing) return Object.assign(existing, fields);
  return data.departments.insert((id) => ({ id, ...fields }));
}

function accountCodeFields(data: TenantData, create: boolean): Fields {
  const base: Fields = {
    description: { type: 'string', required: true, maxLength: 200 },
    code: { type: 'string', required: true, maxLength: 50 },
    account_type: { type: 'choice', choices: [0, 1, 2, 3, 4, 5] },
  };
  if (!create) return base;
  return { ...base, parent: { type: 'pk', nullable: true, exists: exists(data.accountCodes) }, departments: { type: 'list', child: { type: 'pk', exists: exists(data.departments) } } };
}

function checkUniqueCode(data: TenantData, code: string, selfId?: number): void {
  if (data.accountCodes.list().some((c) => c.id !== selfId && c.code === code)) throw validationError({ code: ['account code with this code already exists.'] });
}

function createAccountCode(call: ApiCall): ApiResult {
  const { data } = call.tenant;
  const v = validated(accountCodeFields(data, true), call.body);
  checkUniqueCode(data, v.code as string);
  const code = data.accountCodes.insert((id) => ({ id, code: v.code as string, description: v.description as string, account_type: (v.account_type as number | undefined) ?? 0, active: true, parent: (v.parent as number | null | undefined) ?? null }));
  for (const departmentId of (v.departments as number[] | undefined) ?? []) {
    data.accounts.insert((id) => ({ id, departmentId, accountCodeId: code.id, budget: '0', active: true }));
  }
  return { status: 201, body: { metadata: {}, data: accountCodeRead(call.ctx, code) } };
}

function locationList(call: ApiCall): ApiResult {
  const page = listOf<Location>(
    call,
    call.tenant.data.locations.list(),
    [
      { kind: 'bool', name: 'active', test: (l, v) => l.active === v },
      { kind: 'bool', name: 'headquarter', test: (l, v) => l.headquarter === v },
    ],
    (l) => [l.name, l.external_id],
    { id: (l) => l.id, name: (l) => l.name.toLowerCase() },
    ['name'],
  );
  const views = page.items.map((l) => locationView(call.ctx, l));
  const data = call.settings.locationListShape === 'flat' ? views : [{ metadata: {}, data: views }];
  return { status: 200, body: { metadata: { pagination: page.pagination }, data } };
}

function meBody(call: ApiCall): Record<string, unknown> {
  const { data } = call.tenant;
  const user = mustGet(data.users, data.apiUserId, 'user');
  return {
    id: user.id,
    approval_delegatee: null,
    is_approval_delegatee: false,
    created_at: call.ctx.at(user.createdAt),
    updated_at: call.ctx.at(user.updatedAt),
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    position: user.position,
    phone: user.phone,
    address: null,
    notifications: true,
    is_active: user.is_active,
    pending_invite: false,
    mobile: false,
    profile_image: null,
    slack_user_id: '',
    is_sso_enabled: false,
    last_changed_by: null,
    user: user.authUserId,
    systemaccess_cache: {},
  };
}

export const referenceRoutes: RouteDef[] = [
  { template: '/api/v2/locations', handlers: { GET: locationList, POST: createLocationNotEmulated } },
  { template: '/api/v2/locations/{id}', handlers: { GET: (call) => ({ status: 200, body: { metadata: {}, data: locationView(call.ctx, byId(call.tenant.data.locations, call.params.id as string)) } }) } },
  {
    template: '/api/v3/departments',
    handlers: {
      GET: (call) => {
        const { data } = call.tenant;
        const forCode = call.query.get('include_is_active_for_account_code');
        const locations = call.query.getAll('locations').flatMap((v) => v.split(',')).filter((v) => v !== '');
        const page = listOf<Department>(
          call,
          data.departments.list().filter((d) => locations.length === 0 || locations.includes(String(d.locationId))),
          [{ kind: 'model', name: 'branch', exists: exists(data.locations), test: (d, id) => d.locationId === id }],
          (d) => [d.name, d.external_id],
          { id: (d) => d.id, name: (d) => d.name.toLowerCase() },
          ['name'],
        );
        const code = forCode !== null && /^\d+$/.test(forCode) ? Number(forCode) : undefined;
        return { status: 200, body: { metadata: { pagination: page.pagination }, data: page.items.map((d) => departmentRead(call.ctx, d, code)) } };
      },
      POST: (call) => ({ status: 201, body: { metadata: {}, data: departmentRead(call.ctx, writeDepartment(call.tenant.data, validated(departmentFields(call.tenant.data), call.body))) } }),
    },
  },
  {
    template: '/api/v3/departments/{id}',
    handlers: {
      PUT: (call) => {
        const department = byId(call.tenant.data.departments, call.params.id as string);
        const value = validated(departmentFields(call.tenant.data), call.body);
        return { status: 200, body: { metadata: {}, data: departmentRead(call.ctx, writeDepartment(call.tenant.data, value, department)) } };
      },
    },
  },
  {
    template: '/api/v3/account-codes',
    handlers: {
      GET: (call) => {
        const page = listOf<AccountCode>(
          call,
          call.tenant.data.accountCodes.list(),
          [
            { kind: 'bool', name: 'active', test: (c, v) => c.active === v },
            { kind: 'text', name: 'code', test: (c, v) => c.code === v },
            { kind: 'bool', name: 'is_parent', test: (c, v) => call.tenant.data.accountCodes.list().some((x) => x.parent === c.id) === v },
          ],
          (c) => [c.code, c.description],
          { id: (c) => c.id, code: (c) => c.code, description: (c) => c.description.toLowerCase() },
          ['code'],
        );
        return { status: 200, body: { metadata: { pagination: page.pagination }, data: page.items.map((c) => accountCodeRead(call.ctx, c)) } };
      },
      POST: createAccountCode,
    },
  },
  {
    template: '/api/v3/account-codes/{id}',
    handlers: {
      PUT: (call) => {
        const code = byId(call.tenant.data.accountCodes, call.params.id as string);
        const v = validated(accountCodeFields(call.tenant.data, false), call.body);
        checkUniqueCode(call.tenant.data, v.code as string, code.id);
        Object.assign(code, { code: v.code, description: v.description, ...(v.account_type === undefined ? {} : { account_type: v.account_type }) });
        return { status: 200, body: { metadata: {}, data: accountCodeRead(call.ctx, code) } };
      },
    },
  },
  {
    template: '/api/v3/accounts',
    handlers: {
      GET: (call) => {
        const { data } = call.tenant;
        const location = (a: Account): number => mustGet(data.departments, a.departmentId, 'department').locationId;
        const page = listOf<Account>(
          call,
          data.accounts.list(),
          [
            { kind: 'model', name: 'account_code', exists: exists(data.accountCodes), test: (a, id) => a.accountCodeId === id },
            { kind: 'bool', name: 'active', test: (a, v) => a.active === v },
            { kind: 'model', name: 'department', exists: exists(data.departments), test: (a, id) => a.departmentId === id },
            { kind: 'intList', name: 'departments', test: (a, ids) => ids.includes(a.departmentId) },
            { kind: 'int', name: 'id', test: (a, id) => a.id === id },
            { kind: 'bool', name: 'in_effect', test: (a, v) => a.active === v },
            { kind: 'intList', name: 'locations', test: (a, ids) => ids.includes(location(a)) },
          ],
          (a) => [mustGet(data.accountCodes, a.accountCodeId, 'account code').code, mustGet(data.departments, a.departmentId, 'department').name],
          { id: (a) => a.id },
          ['id'],
        );
        return { status: 200, body: { metadata: { pagination: page.pagination }, data: page.items.map((a) => chartOfAccountsAccount(call.ctx, a)) } };
      },
    },
  },
  {
    template: '/api/v2/currencies',
    handlers: {
      GET: (call) => {
        const page = listOf<Currency>(
          call,
          call.tenant.data.currencies.list(),
          [
            { kind: 'bool', name: 'active', test: (c, v) => c.active === v },
            { kind: 'bool', name: 'base', test: (c, v) => c.base === v },
            { kind: 'text', name: 'name', test: (c, v) => c.name === v },
            { kind: 'text', name: 'description', test: (c, v) => c.description === v },
          ],
          (c) => [c.name, c.description],
          { id: (c) => c.id, name: (c) => c.name },
          ['id'],
        );
        return { status: 200, body: { metadata: { pagination: page.pagination }, data: page.items.map(currency) } };
      },
    },
  },
  { template: '/api/v3/users/me', handlers: { GET: (call) => ({ status: 200, body: { metadata: {}, data: meBody(call) } }) } },
];
