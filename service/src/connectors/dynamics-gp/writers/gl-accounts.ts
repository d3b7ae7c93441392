/**
 * Do GL accounts exist (and are they active) in the GP company? Checked before a document is written so a wrong
 * account mapping parks the order naming the account, instead of a half-configured document reaching GP. One
 * guard per writer (= per run): each account string is read once per run, many per request.
 */
import { ConnectorError } from '../../../lib/errors.ts';
import type { GpDocumentsClient, GpGlAccount } from '../documents-client.ts';

export interface GlAccountGuard {
  prepare(accounts: string[], signal?: AbortSignal): Promise<void>;
  /** A validation error naming every missing or inactive account, else undefined. Call prepare first. */
  problem(accounts: Array<{ account: string; usedBy: string }>): ConnectorError | undefined;
}

const norm = (a: string) => a.trim().toUpperCase();

export function createGlAccountGuard(docs: Pick<GpDocumentsClient, 'listGlAccounts'>, opts: { company: string }): GlAccountGuard {
  const known = new Map<string, GpGlAccount | null>();
  return {
    async prepare(accounts, signal) {
      const unknown = [...new Set(accounts.map(norm))].filter((a) => a !== '' && !known.has(a));
      if (unknown.length === 0) return;
      const found = await docs.listGlAccounts(unknown, signal);
      for (const a of unknown) known.set(a, null);
      for (const a of found) known.set(norm(a.AccountNumber), a);
    },
    problem(accounts) {
      const problems: string[] = [];
      const fields = new Set<string>();
      for (const { account, usedBy } of accounts) {
        const a = known.get(norm(account));
        if (a === undefined) throw new Error(`GL accounts: ${account} was not prepared`);
        if (a === null) problems.push(`GL account ${norm(account)} (${usedBy}) does not exist in GP company "${opts.company}"`);
        else if (!a.IsActive) problems.push(`GL account ${a.AccountNumber} (${usedBy}) is inactive in GP company "${opts.company}"`);
        else continue;
        fields.add(usedBy.replace(/ .*$/, ''));
      }
      if (problems.length === 0) return undefined;
      return new ConnectorError('validation', `${[...new Set(problems)].join('; ')}; nothing was written — fix the account mapping of the flow or create the account in GP, then replay`, {
        code: 'GP_UNKNOWN_GL_ACCOUNT',
        fields: [...fields],
      });
    },
  };
}
