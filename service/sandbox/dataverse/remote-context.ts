/**
 * The JSON-serialised `RemoteExecutionContext` Dataverse POSTs to a webhook (FACTS §4, 4.1 #9, #12 [V]; shape of
 * remoteexecutioncontext.contact-update.example.json): WCF DataContract JSON — `\/Date(<ms>)\/` dates, every `/`
 * escaped as `\/`, `[{key, value}]` collections, typed values with `__type` (`Entity:`, `EntityReference:`,
 * `OptionSetValue:`, `Money:` + `http://schemas.microsoft.com/xrm/2011/Contracts`), `InputParameters` Target,
 * `ParentContext` (the main operation, Stage 30), `PostEntityImages` (`AsynchronousStepPrimaryName` for asynchronous
 * steps, as in the sample), `Stage`, `Mode`, `Depth`, `CorrelationId`, `OwningExtension` (the step).
 * A body over the size limit (256 KB) is sent without `InputParameters`, `ParentContext`, `PreEntityImages` and
 * `PostEntityImages` and the caller adds `x-ms-dynamics-msg-size-exceeded` [V]. [U] "removed" is rendered as empty
 * collections and a null ParentContext.
 */
import type { WriteEvent } from './records.ts';
import type { LookupValue, Row } from './record-store.ts';
import type { ColumnDef, TableDef } from './schema.ts';

const CONTRACTS = 'http://schemas.microsoft.com/xrm/2011/Contracts';

export interface OrgIdentity {
  organizationId: string;
  organizationName: string;
  businessUnitId: string;
}

export interface ContextInput {
  event: WriteEvent;
  step: Row;
  org: OrgIdentity;
  operationId: string;
  primaryName: string | null;
}

const wcfDate = (ms: number): string => `/Date(${ms})/`;

function entityReference(ref: LookupValue, name: string | null = null) {
  return { __type: `EntityReference:${CONTRACTS}`, Id: ref.id, KeyAttributes: [], LogicalName: ref.table, Name: name, RowVersion: null };
}

function attributeValue(col: ColumnDef | undefined, value: unknown): unknown {
  if (value === null || value === undefined || !col) return value ?? null;
  switch (col.type) {
    case 'datetime':
      return wcfDate(value as number);
    case 'picklist':
    case 'state':
    case 'status':
      return { __type: `OptionSetValue:${CONTRACTS}`, Value: value };
    case 'money':
      return { __type: `Money:${CONTRACTS}`, Value: value };
    case 'lookup':
      return entityReference(value as LookupValue);
    default:
      return value;
  }
}

function entity(table: TableDef, id: string, values: Row, typed: boolean) {
  return {
    ...(typed ? { __type: `Entity:${CONTRACTS}` } : {}),
    Attributes: Object.entries(values)
      .filter(([k]) => k !== 'versionnumber')
      .map(([key, v]) => ({ key, value: attributeValue(table.columns.get(key), v) })),
    EntityState: null,
    FormattedValues: Object.entries(values).flatMap(([key, v]) => {
      const label = table.columns.get(key)?.options?.find((o) => o.value === v)?.label;
      return label === undefined ? [] : [{ key, value: label }];
    }),
    Id: id,
    KeyAttributes: [],
    LogicalName: table.logicalName,
    RelatedEntities: [],
    RowVersion: null,
  };
}

/** The Target's attributes: what the request set, the primary id, and the platform's stamps. */
function targetValues(e: WriteEvent): Row {
  const { table } = e;
  const after = e.after ?? {};
  if (e.message === 'Create') {
    return Object.fromEntries(Object.entries(after).filter(([k, v]) => v !== null && k !== 'versionnumber'));
  }
  const out: Row = {};
  for (const c of e.setColumns) out[c] = after[c] ?? null;
  out[table.primaryIdAttribute] = e.id;
  if (table.columns.has('modifiedon')) out.modifiedon = after.modifiedon ?? e.at;
  if (table.columns.has('modifiedby')) out.modifiedby = after.modifiedby ?? { table: 'systemuser', id: e.ctx.userId };
  if (table.columns.has('modifiedby')) out.modifiedonbehalfby = null;
  return out;
}

function target(e: WriteEvent) {
  if (e.message === 'Delete') return entityReference({ table: e.table.logicalName, id: e.id });
  return entity(e.table, e.id, targetValues(e), true);
}

export function buildContext(input: ContextInput): Record<string, unknown> {
  const { event: e, step, org } = input;
  const mode = step.mode as number;
  const common = {
    BusinessUnitId: org.businessUnitId,
    CorrelationId: e.ctx.correlationId,
    Depth: 1,
    InitiatingUserId: e.ctx.userId,
    IsExecutingOffline: false,
    IsInTransaction: mode === 0,
    IsOfflinePlayback: false,
    IsolationMode: 1,
    MessageName: e.message,
    Mode: mode,
    OperationCreatedOn: wcfDate(e.at),
    OperationId: input.operationId,
    OrganizationId: org.organizationId,
    OrganizationName: org.organizationName,
    OwningExtension: { Id: step.sdkmessageprocessingstepid, KeyAttributes: [], LogicalName: 'sdkmessageprocessingstep', Name: step.name ?? null, RowVersion: null },
    PrimaryEntityId: e.id,
    PrimaryEntityName: e.table.logicalName,
    RequestId: null,
    SecondaryEntityName: 'none',
    UserId: e.ctx.userId,
  };
  const inputParameters = [{ key: 'Target', value: target(e) }];
  const postImages =
    mode === 1 && e.message !== 'Delete'
      ? [{ key: 'AsynchronousStepPrimaryName', value: entity(e.table, e.id, { [e.table.primaryNameAttribute]: input.primaryName, [e.table.primaryIdAttribute]: e.id }, false) }]
      : [];
  return {
    ...common,
    InputParameters: inputParameters,
    OutputParameters: e.message === 'Create' ? [{ key: 'id', value: e.id }] : [],
    ParentContext: {
      ...common,
      InputParameters: [...inputParameters, { key: 'SuppressDuplicateDetection', value: false }],
      OutputParameters: [],
      ParentContext: null,
      PostEntityImages: [],
      PreEntityImages: [],
      SharedVariables: [],
      Stage: 30,
    },
    PostEntityImages: postImages,
    PreEntityImages: [],
    SharedVariables: [],
    Stage: step.stage,
  };
}

/** WCF's DataContractJsonSerializer escapes every solidus. */
export function serializeWcf(context: Record<string, unknown>): string {
  return JSON.stringify(context).replace(/\//g, '\\/');
}

export function stripForSize(context: Record<string, unknown>): Record<string, unknown> {
  return { ...context, InputParameters: [], ParentContext: null, PreEntityImages: [], PostEntityImages: [] };
}
