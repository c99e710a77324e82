import type { Actor } from '../audit/trail';
import type { RightsRequest } from './request';

/** A rights request's audit trail subject. */
export const rightsRequestSubject = (requestId: string) => `rights-request:${requestId}`;

/** Who filed a request: the admin who reported it for someone else, the customer whose token verified it, or its requester. */
export const filerOf = ({ reportedBy, accountId }: Pick<RightsRequest, 'reportedBy' | 'accountId'>): Actor => {
  if (reportedBy !== undefined) return { kind: 'admin', adminId: reportedBy };
  if (accountId !== undefined) return { kind: 'customer', accountId };
  return { kind: 'requester' };
};

/** Who takes a verified request through its fulfilment. */
export const FULFILMENT_ACTOR: Actor = { kind: 'service', name: 'fulfil-rights-request' };
