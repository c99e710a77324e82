import type { AuditTrail } from '../audit/trail';
import type { Page } from '../pages';
import type { Pseudonymiser } from '../pseudonyms';
import { productionLinks } from './production';
import { getLegalRequest, legalRequestSubject } from './requests';
import type { LegalRequest } from './request';

/** What reads need to show a production's link again: signed as it was, from the same instant. */
export interface LinkSigner {
  pseudonymiser: Pseudonymiser;
  apiUrl: string;
}

/** What an admin sees of a request: all of it, the package's link in place of its key. */
const legalView = async (signer: LinkSigner, request: LegalRequest) => {
  const { production, producedAt, ...rest } = request;
  if (!production || !producedAt) return rest;
  const link = await productionLinks.sign(signer.pseudonymiser, signer.apiUrl, request.legalRequestId, new Date(producedAt));
  return { ...rest, producedAt, production: { ...link, counts: production.counts } };
};

/** GET /admin/legal-requests/{id}: the request and its audit trail, oldest first. */
export const legalRequestWithTrail = async (deps: LinkSigner & { store: Parameters<typeof getLegalRequest>[0]; audit: AuditTrail }, legalRequestId: string) => {
  const request = await getLegalRequest(deps.store, legalRequestId);
  const trail = await deps.audit.list(legalRequestSubject(legalRequestId));
  return { ...(await legalView(deps, request)), audit: trail.map(({ action, actor, at, reason }) => ({ action, actor: { ...actor } as Record<string, string>, at, ...(reason === undefined ? {} : { reason }) })) };
};

/** A page of requests as an admin sees them. */
export const legalViews = async (signer: LinkSigner, { items, nextCursor }: Page<LegalRequest>) => ({
  items: await Promise.all(items.map((request) => legalView(signer, request))),
  ...(nextCursor ? { nextCursor } : {}),
});
