/**
 * Record writes as a Zoho user makes them in the CRM UI (sandbox admin and demo data): the same validation and
 * stamping as API writes, changes published to the notification channels, and a refused write thrown as a
 * ZohoHttpError carrying Zoho's per-record error body.
 */
import { ZohoHttpError } from './errors.ts';
import type { ModuleDef } from './module-registry.ts';
import type { Org } from './org.ts';
import { publishOutcomes } from './record-batch.ts';
import { renderRecord, type Json } from './record-shapes.ts';
import { deleteRecord, insertRecord, updateRecord, type WriteContext, type WriteOutcome } from './record-writes.ts';
import type { BehaviourSettings } from './settings.ts';

export interface AdminWriter {
  create(module: string, data: Json): Json;
  update(module: string, id: string, patch: Json): Json;
  remove(module: string, id: string): void;
}

export function apiModule(org: Org, module: string): ModuleDef {
  const mod = org.modules.get(module);
  if (!mod || mod.subformOf) throw new RangeError(`no API module ${module} in org ${org.id} (known: ${org.modules.apiModules().map((m) => m.apiName).join(', ')})`);
  return mod;
}

export function createAdminWriter(org: Org, behaviour: () => BehaviourSettings, now: () => number): AdminWriter {
  const ctx = (): WriteContext => ({ org, behaviour: behaviour(), now: now(), userId: org.primaryUser.id });
  const commit = (c: WriteContext, mod: ModuleDef, outcome: WriteOutcome): Json => {
    if (!outcome.ok) throw new ZohoHttpError(400, outcome.error);
    publishOutcomes(c, mod, [outcome]);
    return renderRecord(org, mod, outcome.record);
  };
  return {
    create(module, data) {
      const mod = apiModule(org, module);
      const c = ctx();
      return commit(c, mod, insertRecord(c, mod, data, '$.data[0]'));
    },
    update(module, id, patch) {
      const mod = apiModule(org, module);
      const c = ctx();
      return commit(c, mod, updateRecord(c, mod, id, patch, '$.data[0]'));
    },
    remove(module, id) {
      const mod = apiModule(org, module);
      const c = ctx();
      commit(c, mod, deleteRecord(c, mod, id));
    },
  };
}
