import type { Db } from './db.ts';
import { createAuditRepo } from './repos/audit-repo.ts';
import { createConnectionsRepo } from './repos/connections-repo.ts';
import { createCursorsRepo } from './repos/cursors-repo.ts';
import { createFlowsRepo } from './repos/flows-repo.ts';
import { createJobsRepo } from './repos/jobs-repo.ts';
import { createLinksRepo } from './repos/links-repo.ts';
import { createParkedRepo } from './repos/parked-repo.ts';
import { createPushRepo } from './repos/push-repo.ts';
import { createRunsRepo } from './repos/runs-repo.ts';
import type { SecretBox } from './secret-box.ts';
import type { StoreOps } from './types.ts';

/** Every repository bound to one handle: the database itself, or a transaction for Store.transaction(). */
export function createOps(db: Db, box: SecretBox): StoreOps {
  return {
    connections: createConnectionsRepo(db, box),
    flows: createFlowsRepo(db),
    cursors: createCursorsRepo(db),
    links: createLinksRepo(db),
    audit: createAuditRepo(db),
    parked: createParkedRepo(db),
    jobs: createJobsRepo(db),
    push: createPushRepo(db),
    runs: createRunsRepo(db),
  };
}
