import * as z from 'zod/mini';
import { POLICY_VERSION } from '../shared/policies/policy';
import { idShape } from '../shared/ids';
import { schema } from '../shared/schema';

/** Accounts one `policy-notices.send` message names: one BatchGetItem reads them all (its limit is 100). */
export const ACCOUNTS_PER_MESSAGE = 50;

const policyVersion = () => z.string().check(z.regex(POLICY_VERSION));

/**
 * The policy-notices queue's messages (ids only: the consumer reads each account, so the queue
 * holds no personal data). `policy-notices.plan` v1 asks for the version's plan to be continued
 * (by publication, or by a planner out of time); `policy-notices.send` v1 names up to
 * ACCOUNTS_PER_MESSAGE accounts to notify of the version, once each however often it arrives.
 */
export const policyNoticesV1 = /* @__PURE__ */ schema(() => z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('policy-notices.plan'), version: z.literal(1), policyVersion: policyVersion() }),
  z.strictObject({
    type: z.literal('policy-notices.send'),
    version: z.literal(1),
    policyVersion: policyVersion(),
    accountIds: z.array(z.string().check(z.regex(idShape('acc')))).check(z.minLength(1), z.maxLength(ACCOUNTS_PER_MESSAGE)),
  }),
]));
export type PolicyNoticesV1 = z.infer<typeof policyNoticesV1>;

/** The message asking for a version's plan to be continued. */
export const planMessage = (policyVersion: string): PolicyNoticesV1 => ({ type: 'policy-notices.plan', version: 1, policyVersion });

/** The message naming accounts to notify of a version. */
export const sendMessage = (policyVersion: string, accountIds: readonly string[]): PolicyNoticesV1 => ({
  type: 'policy-notices.send',
  version: 1,
  policyVersion,
  accountIds: [...accountIds],
});
