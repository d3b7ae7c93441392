import grpc from '@grpc/grpc-js';
import type { SalesforceSandbox } from '../salesforce/index.ts';
import { ERROR_CODES, pubSubError, type PubSubStatus } from './grpc-errors.ts';

/** Answers whether an access token is a live session of the org. */
export type SessionValidator = (accessToken: string) => Promise<boolean>;

/**
 * Asks the REST emulator in-process: a Bearer call to `/services/data/vXX.X/` succeeds only for a live session
 * (and keeps it alive, as Salesforce's inactivity timeout does). Pub/Sub calls do not count against the REST
 * allowance, so the one request this costs is given back. (A `sessions.isLive(token)` hook on the sandbox would
 * make this direct — noted in the report.)
 */
export function sandboxSessionValidator(sandbox: Pick<SalesforceSandbox, 'app' | 'apiUsage'>, apiVersion = '63.0'): SessionValidator {
  return async (accessToken) => {
    const res = await sandbox.app.request(`/services/data/v${apiVersion}/`, { headers: { authorization: `Bearer ${accessToken}` } });
    if (res.status === 200) sandbox.apiUsage.set({ used: Math.max(0, sandbox.apiUsage.get().used - 1) });
    return res.status === 200;
  };
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * Checks the auth metadata every Pub/Sub RPC carries (FACTS 1.3 #4): `accesstoken`, `instanceurl` (this org's
 * instance; compared by host because the client insists on https while the local REST emulator is http) and
 * `tenantid` (the org id, 15 or 18 characters). Any failure → UNAUTHENTICATED.
 */
export async function checkAuthMetadata(
  metadata: grpc.Metadata,
  org: { orgId: string; instanceUrl: () => string; isSessionValid: SessionValidator },
): Promise<PubSubStatus | undefined> {
  const one = (key: string): string => String(metadata.get(key)[0] ?? '');
  const token = one('accesstoken');
  const instanceUrl = one('instanceurl');
  const tenantId = one('tenantid');
  const deny = (why: string) => pubSubError(grpc.status.UNAUTHENTICATED, ERROR_CODES.auth, `authentication exception occurred: ${why}`);
  if (!token || !instanceUrl || !tenantId) return deny('accesstoken, instanceurl and tenantid metadata are required');
  if (tenantId !== org.orgId && tenantId !== org.orgId.slice(0, 15)) return deny('tenantid does not match the org of the session');
  if (originOf(instanceUrl) !== originOf(org.instanceUrl())) return deny('instanceurl is not this org\'s instance');
  if (!(await org.isSessionValid(token))) return deny('the session ID or OAuth token used has expired or is invalid');
  return undefined;
}
