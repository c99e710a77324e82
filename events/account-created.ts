import * as z from 'zod/mini';
import { schema } from '../shared/schema';

/**
 * `account.created` v1: a sign-up stored a pending account, whose login is still to be
 * provisioned. Ids only: the consumer reads the account (its email, and whether it still awaits
 * its login), so the queue holds no personal data.
 */
export const accountCreatedV1 = /* @__PURE__ */ schema(() => z.strictObject({
  type: z.literal('account.created'),
  version: z.literal(1),
  accountId: z.string(),
}));
export type AccountCreatedV1 = z.infer<typeof accountCreatedV1>;
