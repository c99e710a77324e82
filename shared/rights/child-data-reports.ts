import type { Pseudonymiser } from '../pseudonyms';
import { handOver, receivedRequest } from './intake';
import type { RightsRequestQueue, RightsRequestStore } from './ports';
import type { RightsRequest } from './request';
import type { ChildDataReport } from './schemas';

/**
 * POST /admin/child-data-reports: an admin reports that the service holds data of a child under
 * 13 (POLICY.md: it is deleted). The report is an erasure request filed by the admin
 * (`reportedBy`), verified at once (it needs no proof from the child) and queued for fulfilment
 * like any; the child is never contacted. The answer is the same whether or not the email is known.
 */
export const reportChildData = async (
  deps: { requests: RightsRequestStore; pseudonymiser: Pseudonymiser; queue: RightsRequestQueue },
  report: ChildDataReport,
  adminId: string,
  httpRequestId: string,
): Promise<{ requestId: string }> => {
  const received = await receivedRequest(deps.pseudonymiser, { type: 'erasure', email: report.email });
  const request: RightsRequest = { ...received, status: 'verified', verifiedAt: received.createdAt, reportedBy: adminId };
  await deps.requests.create(request);
  await handOver(deps.queue, request.requestId, httpRequestId);
  return { requestId: request.requestId };
};
