import { randomUUID } from 'node:crypto';
import type { Account } from '../accounts/account';
import { now } from '../clock';
import { signCommunicationLink, unsubscribeUrl } from '../communications/links';
import type { EmailContent } from '../email/outbox';
import { sendRequestedEmail, type SendEmailDependencies, type SendOutcome } from '../email/send';
import { RetryLater } from '../jobs/retry-later';
import { NotFound } from '../errors';
import { MAX_NOTICE_ATTEMPTS } from './fan-out';
import type { Pacer } from './pacing';
import type { PolicyVersion } from './policy';
import type { NoticeRecord, NoticeRecords, NoticeTargets, PolicyStore, SkipReason } from './ports';

/**
 * How long a notice's claim holds off other consumers: longer than the sender may run (a live
 * claim is never taken over), shorter than the queue's visibility timeout (a retried message
 * finds a crashed claim stale); test/infra checks both.
 */
export const NOTICE_CLAIM_LEASE_SECONDS = 330;

export interface NoticeSenderDependencies {
  versions: Pick<PolicyStore, 'get'>;
  targets: NoticeTargets;
  records: NoticeRecords;
  /** The email pipeline's own use case: once per message id, never to a suppressed address, SES throttling postponed. */
  pipeline: SendEmailDependencies;
  pacer: Pacer;
  /** The API's base URL: the notice's links point at `/unsubscribe`. */
  apiUrl: string;
}

/** Another delivery of the message is notifying this account right now: retried later, it finds the outcome. */
class NoticeInFlight extends Error {
  constructor() {
    super('Another delivery is notifying this account; retry later.');
    this.name = 'NoticeInFlight';
  }
}

/** The sender ran out of time before this account's turn: its message is retried. */
class NoticeOutOfTime extends Error {
  constructor() {
    super('No time left to send this notice within the rate; retry later.');
    this.name = 'NoticeOutOfTime';
  }
}

/** What happened to one account of a message. */
type AccountNoticeOutcome = 'sent' | 'skipped' | 'failed' | 'duplicate';

/**
 * Who the notice is for (POLICY.md: "If users and customers have opted out of all communication
 * with the website, or deleted/deactivated their accounts, then they will not be contacted"): an
 * active account that has not opted out of all communication. A marketing opt-out, a restriction
 * or an objection does not stop this legal notice.
 */
const skipReasonOf = (account: Account): SkipReason | undefined => {
  if (account.status === 'pending') return 'unproven';
  if (account.status === 'deactivated') return 'deactivated';
  return account.preferences.optOutAll ? 'opted_out' : undefined;
};

/** The notice's message id in the email pipeline: one per account and version, so its own once-per-id holds too. */
const noticeMessageId = (version: string, accountId: string): string => `policy-notice#${version}#${accountId}`;

/** The pseudonymiser's purpose label of settlement keys: the counters' partition never holds an account id. */
const SETTLEMENT_PURPOSE = 'policy-notice-settlement-v1';

const noticeContent = async (deps: NoticeSenderDependencies, policy: PolicyVersion, accountId: string): Promise<EmailContent> => {
  const { pseudonymiser } = deps.pipeline;
  const optOutAll = unsubscribeUrl(deps.apiUrl, await signCommunicationLink(pseudonymiser, { choice: 'opt_out_all', accountId }));
  const businessTransition =
    policy.kind === 'business_transition'
      ? { businessTransitionOptOutUrl: unsubscribeUrl(deps.apiUrl, await signCommunicationLink(pseudonymiser, { choice: 'business_transition_opt_out', accountId })) }
      : {};
  return {
    template: 'policy-notice',
    params: {
      kind: policy.kind,
      version: policy.version,
      effectiveAt: policy.effectiveAt,
      summary: policy.summary,
      ...(policy.url === undefined ? {} : { url: policy.url }),
      unsubscribeUrl: optOutAll,
      ...businessTransition,
    },
  };
};

/**
 * Notifies one account of a version, once however often its message arrives: a settled record
 * ends it; otherwise claim the record (conditional on it being as read; never in a partition being
 * erased), decide, send through the pipeline, record the outcome with its count. A send that fails
 * leaves the claim to go stale; the message's retry claims it again, and the claim after
 * MAX_NOTICE_ATTEMPTS − 1 unfinished ones records `failed`.
 */
const notifyAccount = async (
  deps: NoticeSenderDependencies,
  policy: PolicyVersion,
  accountId: string,
  { account, notice }: { account?: Account; notice?: NoticeRecord },
  deadline: number,
): Promise<AccountNoticeOutcome> => {
  if (notice && notice.status !== 'sending') return 'duplicate';
  const at = now();
  if (notice && Date.parse(notice.claimedAt) > at.getTime() - NOTICE_CLAIM_LEASE_SECONDS * 1000) throw new NoticeInFlight();
  const settlementKey = await deps.pipeline.pseudonymiser.pseudonym(SETTLEMENT_PURPOSE, [policy.version, accountId]);
  const gone = async () => {
    await deps.records.settleGone({ version: policy.version, settlementKey, at });
    return 'skipped' as const;
  };
  if (!account || account.removal !== undefined) return gone();
  const reason = skipReasonOf(account);
  // Only a notice to send waits for its slot of the SES rate; and it waits before it claims.
  if (!reason && !(await deps.pacer.take(deadline))) throw new NoticeOutOfTime();
  const claimId = randomUUID();
  const claim = await deps.records.claim({ version: policy.version, kind: policy.kind, accountId, claimId, at: now(), ...(notice ? { previous: notice } : {}) });
  if (claim === 'gone') return gone();
  if (claim === 'lost') throw new NoticeInFlight();
  const settle = async (outcome: 'sent' | 'skipped' | 'failed', why?: SkipReason) => {
    await deps.records.settle({ version: policy.version, accountId, claimId, settlementKey, outcome, ...(why ? { reason: why } : {}), at: now() });
    return outcome;
  };
  if (reason) return settle('skipped', reason);
  // This claim is attempt `attempts + 1`: the earlier ones each ended without an outcome.
  if ((notice?.attempts ?? 0) + 1 > MAX_NOTICE_ATTEMPTS) return settle('failed');
  const content = await noticeContent(deps, policy, accountId);
  let sent: SendOutcome;
  try {
    sent = await sendRequestedEmail(deps.pipeline, { ...content, messageId: noticeMessageId(policy.version, accountId), to: account.email });
  } catch (error) {
    // Postponed (SES throttling): its message returns before the lease would pass, and a throttle is no failed attempt.
    if (error instanceof RetryLater) await deps.records.release({ version: policy.version, accountId, claimId });
    throw error;
  }
  return sent === 'suppressed' ? settle('skipped', 'suppressed') : settle('sent');
};

/** What one message did, by outcome (for the consumer's log: counts only). */
export type MessageSummary = Record<AccountNoticeOutcome, number>;

/**
 * Notifies the accounts one message names: read together, each handled on its own; any that
 * failed fails the message (after the others are done), so SQS retries it and the accounts
 * already settled send nothing again. `deadline` (epoch ms): no send starts after it.
 */
export const sendNotices = async (deps: NoticeSenderDependencies, message: { policyVersion: string; accountIds: readonly string[] }, deadline: number): Promise<MessageSummary> => {
  const policy = await deps.versions.get(message.policyVersion);
  if (!policy) throw new NotFound('No such policy version.');
  const targets = await deps.targets(policy.version, message.accountIds);
  const results = await Promise.allSettled(message.accountIds.map((accountId, index) => notifyAccount(deps, policy, accountId, targets[index], deadline)));
  const summary: MessageSummary = { sent: 0, skipped: 0, failed: 0, duplicate: 0 };
  for (const result of results) if (result.status === 'fulfilled') summary[result.value] += 1;
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw (failure as PromiseRejectedResult).reason;
  return summary;
};
