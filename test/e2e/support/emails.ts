import { call } from './client';

/** The emails `/_local/emails` lists as sent to `address`, oldest first. */
export const emailsTo = async (address: string) => {
  const response = await call('GET', `/_local/emails?to=${encodeURIComponent(address)}`);
  expect(response.status).toBe(200);
  return response.body.items as { to: string; from: string; subject: string; text: string; html?: string }[];
};

/** The emails sent to `address`, once at least `count` have arrived. */
export const awaitEmails = async (address: string, count: number, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const emails = await emailsTo(address);
    if (emails.length >= count || Date.now() > deadline) return emails;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

