/**
 * The application user's security role and the privilege checks the Web API applies (FACTS §4 [V]: 403 for
 * missing privileges). Privilege names follow Dataverse's `prv<Access><SchemaName>` pattern (prvReadAccount,
 * prvWriteAccount, prvCreateAccount, prvDeleteAccount…) [V]. The application user starts with Global depth on
 * Create / Read / Write / Delete / Append / AppendTo of every writable table and Read of platform tables; an admin
 * call removes or restores a privilege, after which the API answers 403 `0x80040220` with the
 * "Principal user (Id=…, type=8, …) is missing prv… privilege (Id=…) on OTC=… for entity '…'" text [C].
 * `RetrieveUserPrivileges` (function bound to systemusers) lists what the user holds — RolePrivilege shape
 * {BusinessUnitId, Depth, PrivilegeId, PrivilegeName} [V].
 * [U] Append / AppendTo are listed but not enforced on lookups.
 */
import { randomUUID } from 'node:crypto';
import { dvError } from './errors.ts';
import type { Schema, TableDef } from './schema.ts';

export type Access = 'Create' | 'Read' | 'Write' | 'Delete' | 'Append' | 'AppendTo';
const ALL: Access[] = ['Create', 'Read', 'Write', 'Delete', 'Append', 'AppendTo'];

export interface RolePrivilege {
  BusinessUnitId: string;
  Depth: 'Basic' | 'Local' | 'Deep' | 'Global';
  PrivilegeId: string;
  PrivilegeName: string;
}

export interface Privileges {
  check(userId: string, table: TableDef, access: Access): void;
  list(userId: string): RolePrivilege[];
  /** Remove (`granted=false`) or restore a privilege of the application user by name (prvWriteAccount). */
  set(privilegeName: string, granted: boolean): void;
  privilegeName(table: TableDef, access: Access): string;
}

export function createPrivileges(opts: { schema: Schema; businessUnitId: string; appUserId: () => string }): Privileges {
  const ids = new Map<string, string>();
  const revoked = new Set<string>();
  const idOf = (name: string): string => {
    let id = ids.get(name);
    if (!id) {
      id = randomUUID();
      ids.set(name, id);
    }
    return id;
  };
  const nameOf = (table: TableDef, access: Access): string => `prv${access}${table.schemaName}`;
  const granted = (table: TableDef): Access[] => (table.readOnly ? ['Read'] : ALL);
  const holds = (userId: string, table: TableDef, access: Access): boolean =>
    userId === opts.appUserId() ? granted(table).includes(access) && !revoked.has(nameOf(table, access)) : true;

  return {
    privilegeName: nameOf,
    check(userId, table, access) {
      if (holds(userId, table, access)) return;
      const name = nameOf(table, access);
      const count = opts.schema.tables().reduce((n, t) => n + granted(t).filter((a) => !revoked.has(nameOf(t, a))).length, 0);
      throw dvError(
        403,
        '0x80040220',
        `Principal user (Id=${userId}, type=8, roleCount=1, privilegeCount=${count}, accessMode=4), is missing ${name} privilege (Id=${idOf(name)}) on OTC=${table.objectTypeCode} for entity '${table.logicalName}'. Context: Method=${access}, Entity=${table.logicalName}, PrivilegeDepth=Basic`,
        {},
        'PrivilegeDenied',
      );
    },
    list(userId) {
      if (userId !== opts.appUserId()) return [];
      return opts.schema
        .tables()
        .flatMap((t) => granted(t).map((a) => nameOf(t, a)))
        .filter((n) => !revoked.has(n))
        .map((n) => ({ BusinessUnitId: opts.businessUnitId, Depth: 'Global' as const, PrivilegeId: idOf(n), PrivilegeName: n }));
    },
    set(privilegeName, isGranted) {
      const known = opts.schema.tables().some((t) => ALL.some((a) => nameOf(t, a) === privilegeName));
      if (!known) throw new RangeError(`unknown privilege '${privilegeName}' (expected prv<Create|Read|Write|Delete|Append|AppendTo><TableSchemaName>)`);
      if (isGranted) revoked.delete(privilegeName);
      else revoked.add(privilegeName);
    },
  };
}
