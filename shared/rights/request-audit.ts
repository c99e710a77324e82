import type { AuditTrail } from '../audit/trail';
import { NotFound } from '../errors';
import { rightsRequestSubject } from './audit';
import type { RightsRequestStore } from './ports';
import { rightsRequestView } from './request';

/**
 * GET /admin/rights-requests/{id}: what the requester sees of a request, with its audit trail
 * (who received, verified, started, completed it, and when). No email, details or corrections:
 * the trail proves the handling, not what the request was about.
 */
export const adminRightsRequestView = async (deps: { requests: RightsRequestStore; audit: AuditTrail }, requestId: string) => {
  const request = await deps.requests.get(requestId);
  if (!request) throw new NotFound('No rights request with this id.');
  const entries = await deps.audit.list(rightsRequestSubject(requestId));
  return { ...rightsRequestView(request), audit: entries.map(({ action, actor, at, reason }) => ({ action, actor, at, ...(reason === undefined ? {} : { reason }) })) };
};
