import { linkChoice, linkQuery, ONE_CLICK_BODY_LIMIT_BYTES, oneClickForm } from '../../shared/communications/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'unsubscribe',
  description: "POST /unsubscribe?token=: the emailed link's choice, recorded in one click (RFC 8058): opt out of all communication, of a business transition, or of referral invitations",
  trigger: {
    kind: 'http',
    method: 'POST',
    path: '/unsubscribe',
    auth: 'public',
    query: linkQuery,
    // Mail providers POST `List-Unsubscribe=One-Click` as a form; a person's client may send nothing.
    bodyKind: 'form',
    body: oneClickForm,
    bodyLimitBytes: ONE_CLICK_BODY_LIMIT_BYTES,
    problems: [404, 409],
  },
  access: { table: 'readWrite', tableKeys: ['ACCOUNT', 'AUDIT', 'OPTOUT'], hashKey: true },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: linkChoice }));
