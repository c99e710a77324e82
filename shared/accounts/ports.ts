import type { AccountCreatedV1 } from '../../events/account-created';

/** The accounts queue: the events that ask for work on an account's login. */
export interface AccountEvents {
  /** Queues the event, tagged with the HTTP request that caused it, when one did. */
  send(event: AccountCreatedV1, requestId?: string): Promise<void>;
}
