import { asc, eq } from 'drizzle-orm';
import { sqlNow, type Db } from '../db.ts';
import { connections } from '../schema.ts';
import { SecretBoxError, type SecretBox } from '../secret-box.ts';
import type { ConnectionSummary, ConnectionWithSecrets, StoreOps } from '../types.ts';

/** Raised when stored secrets cannot be decrypted; names the connection, never carries a secret. */
export class ConnectionSecretsError extends Error {
  override readonly name = 'ConnectionSecretsError';
  constructor(
    readonly connectionId: string,
    reason: string,
  ) {
    super(`Cannot decrypt the secrets of connection "${connectionId}": ${reason}`);
  }
}

type ConnectionRow = typeof connections.$inferSelect;

function toSummary(row: ConnectionRow): ConnectionSummary {
  return {
    id: row.id,
    system: row.system,
    name: row.name,
    config: row.config,
    secretNames: [...row.secretNames],
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function openSecrets(box: SecretBox, row: ConnectionRow): Record<string, string> {
  let text: string;
  try {
    text = box.open(row.secretsSealed, sealContext(row.id));
  } catch (err) {
    if (err instanceof SecretBoxError) throw new ConnectionSecretsError(row.id, err.message);
    throw err;
  }
  return JSON.parse(text) as Record<string, string>;
}

/** The AAD binds a blob to its row: copying one connection's blob onto another fails authentication. */
function sealContext(connectionId: string): string {
  return `connections/${connectionId}`;
}

export function createConnectionsRepo(db: Db, box: SecretBox): StoreOps['connections'] {
  return {
    async upsert(input) {
      // Read-merge-write in one transaction (a savepoint when the caller already holds one); FOR UPDATE
      // serialises concurrent upserts of the same connection.
      return db.transaction(async (tx) => {
        const [existing] = await tx.select().from(connections).where(eq(connections.id, input.id)).for('update');
        const secrets = { ...(existing ? openSecrets(box, existing) : {}), ...input.secrets };
        const values = {
          id: input.id,
          system: input.system,
          name: input.name,
          config: input.config,
          secretNames: Object.keys(secrets).sort(),
          secretsSealed: box.seal(JSON.stringify(secrets), sealContext(input.id)),
        };
        const [row] = await tx
          .insert(connections)
          .values(values)
          .onConflictDoUpdate({ target: connections.id, set: { ...values, updatedAt: sqlNow() } })
          .returning();
        if (!row) throw new Error(`upsert of connection "${input.id}" returned no row`);
        return toSummary(row);
      });
    },

    async list() {
      const rows = await db.select().from(connections).orderBy(asc(connections.id));
      return rows.map(toSummary);
    },

    async get(id): Promise<ConnectionWithSecrets | undefined> {
      const [row] = await db.select().from(connections).where(eq(connections.id, id));
      if (!row) return undefined;
      return { ...toSummary(row), secrets: openSecrets(box, row) };
    },

    async delete(id) {
      const deleted = await db.delete(connections).where(eq(connections.id, id)).returning({ id: connections.id });
      return deleted.length > 0;
    },
  };
}
