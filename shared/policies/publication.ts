import type { Actor } from '../audit/trail';
import { now } from '../clock';
import { BusinessRuleViolation, Conflict, NotFound } from '../errors';
import { currentOf, policyView, type NoticeCounters, type PolicyKind, type PolicyVersion } from './policy';
import type { NoticeCounterReader, NoticeQueue, PolicyStore } from './ports';

export interface Publication {
  version: string;
  effectiveAt: string;
  summary: string;
  url?: string;
  kind: PolicyKind;
}

export interface PublicationDependencies {
  policies: PolicyStore;
  queue: Pick<NoticeQueue, 'requestPlan'>;
}

/**
 * Publishes a version once (a second publication of it is 409), audited in the same transaction,
 * then starts its notices at once (the schedule would within the hour). The notice comes before
 * the change (POLICY.md: "notified prior to a change"): an `effectiveAt` already passed is 422.
 * Should the start fail after the version is stored, the schedule plans it.
 */
export const publishPolicy = async (deps: PublicationDependencies, publication: Publication, actor: Actor) => {
  const publishedAt = now();
  if (Date.parse(publication.effectiveAt) < publishedAt.getTime()) {
    throw new BusinessRuleViolation('effectiveAt must not be in the past: customers are told of a change before it takes effect.');
  }
  const version: PolicyVersion = { ...publication, effectiveAt: new Date(publication.effectiveAt).toISOString(), publishedAt: publishedAt.toISOString() };
  const audit = { subject: `policy:${version.version}`, action: 'published', actor, at: version.publishedAt };
  if (!(await deps.policies.publish(version, audit))) throw new Conflict('This policy version is already published: publish a new version instead.');
  await deps.queue.requestPlan(version.version);
  return { ...policyView(version), publishedAt: version.publishedAt };
};

/** `GET /policies/current`. */
export const currentPolicy = async (policies: Pick<PolicyStore, 'list'>) => {
  const current = currentOf(await policies.list(), now());
  if (!current) throw new NotFound('No privacy policy is published yet.');
  return policyView(current);
};

/** `GET /admin/policies/{version}/notifications`: the counters, with `pending` what is planned and not yet settled. */
export const noticeCounters = async (counters: NoticeCounterReader, version: string): Promise<NoticeCounters> => {
  const found = await counters.counters(version);
  if (!found) throw new NotFound('No such policy version.');
  const { sent, skipped, failed } = found;
  const settled = sent + skipped + failed;
  // A page is counted planned just after its messages are taken, so for a moment its first
  // outcomes may be counted before it: never show a negative `pending`.
  const planned = Math.max(found.planned, settled);
  return { planned, sent, skipped, failed, pending: planned - settled };
};
