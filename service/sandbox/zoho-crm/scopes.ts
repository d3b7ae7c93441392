/**
 * OAuth scope checks (FACTS §5; common.json securitySchemes [V]): `ZohoCRM.modules.ALL`, `ZohoCRM.modules.READ`,
 * module scopes `ZohoCRM.modules.<module>.<ALL|READ|CREATE|UPDATE|DELETE|WRITE>` (module by its scope name —
 * `accounts`, `salesorders`, `custom` — or API name, case-insensitive as the v8 OAS lists both spellings),
 * `ZohoCRM.settings.ALL` / `ZohoCRM.settings.<modules|fields>.<op>`, `ZohoCRM.notifications.<op>`,
 * `ZohoCRM.org.<op>`. WRITE stands for create, update and delete [U]. A missing scope answers
 * OAUTH_SCOPE_MISMATCH (errors.ts).
 */
export type Operation = 'READ' | 'CREATE' | 'UPDATE' | 'DELETE';

export type ScopeNeed =
  | { kind: 'module'; names: string[]; ops: Operation[] }
  | { kind: 'settings'; area: 'modules' | 'fields'; op: Operation }
  | { kind: 'notifications'; op: Operation }
  | { kind: 'org'; op: Operation };

function covers(grantedOp: string, op: Operation): boolean {
  return grantedOp === 'ALL' || grantedOp === op || (grantedOp === 'WRITE' && op !== 'READ');
}

function parse(scope: string): string[] {
  return scope.split('.').map((p) => p.toUpperCase());
}

function grants(scope: string, need: ScopeNeed, op: Operation): boolean {
  const p = parse(scope);
  if (p[0] !== 'ZOHOCRM') return false;
  switch (need.kind) {
    case 'module':
      if (p[1] !== 'MODULES') return false;
      if (p.length === 3) return covers(p[2] as string, op);
      return p.length === 4 && need.names.some((n) => n.toUpperCase() === p[2]) && covers(p[3] as string, op);
    case 'settings':
      if (p[1] !== 'SETTINGS') return false;
      if (p.length === 3) return covers(p[2] as string, op);
      return p.length === 4 && p[2] === need.area.toUpperCase() && covers(p[3] as string, op);
    case 'notifications':
      return p[1] === 'NOTIFICATIONS' && p.length === 3 && covers(p[2] as string, op);
    case 'org':
      return p[1] === 'ORG' && p.length === 3 && covers(p[2] as string, op);
  }
}

export function hasScope(granted: readonly string[], need: ScopeNeed): boolean {
  const ops = need.kind === 'module' ? need.ops : [need.op];
  return ops.every((op) => granted.some((s) => grants(s, need, op)));
}

export const DEFAULT_SANDBOX_SCOPES = ['ZohoCRM.modules.ALL', 'ZohoCRM.settings.ALL', 'ZohoCRM.notifications.ALL', 'ZohoCRM.org.READ'];
