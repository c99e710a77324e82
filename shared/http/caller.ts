import { ACCOUNT_ID_ATTRIBUTE, ADMIN_GROUP } from '../accounts/logins';
import { Forbidden, Unauthenticated } from '../errors';
import type { BearerVerifier, Caller, HttpEvent, RouteAuth } from './types';

// HTTP API JWT authorizers hand array claims over as a string like "[admin ops]".
const groupsOf = (claim: unknown): string[] => {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim === 'string') return claim.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
  return [];
};

const optionalString = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** The caller from the authorizer's verified claims, or undefined when the request carries none. */
export const callerFrom = (event: HttpEvent): Caller | undefined => callerOf(event.requestContext.authorizer?.jwt?.claims);

const callerOf = (claims: Record<string, unknown> | undefined): Caller | undefined => {
  const sub = optionalString(claims?.sub);
  if (!claims || !sub) return undefined;
  return {
    sub,
    email: optionalString(claims.email),
    accountId: optionalString(claims[`custom:${ACCOUNT_ID_ATTRIBUTE}`]),
    isAdmin: groupsOf(claims['cognito:groups']).includes(ADMIN_GROUP),
  };
};

/**
 * The caller of an `optional` route, which no authorizer guards in AWS: no Authorization header
 * is anyone (undefined); a bearer token `verify` accepts is its caller; anything else is a 401.
 */
export const callerFromBearer = async (event: HttpEvent, verify: BearerVerifier): Promise<Caller | undefined> => {
  const header = event.headers.authorization;
  if (header === undefined) return undefined;
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  const caller = token === undefined ? undefined : callerOf(await verify(token));
  if (!caller) throw new Unauthenticated();
  return caller;
};

/** Enforces a route's auth rule: 401 without credentials, 403 with the wrong kind of caller. */
export const authorize = (auth: RouteAuth, caller: Caller | undefined): void => {
  if (auth === 'public' || auth === 'optional' || auth === 'gateway') return;
  if (!caller) throw new Unauthenticated();
  if (auth === 'admin' && !caller.isAdmin) throw new Forbidden('This route is for administrators.');
  if (auth === 'customer' && !caller.accountId) throw new Forbidden('This route is for customers.');
};

/** The account of a caller that `authorize(... 'customer' ...)` let through. */
export const customerAccountId = (caller: Caller | undefined): string => {
  if (!caller?.accountId) throw new Unauthenticated();
  return caller.accountId;
};

/** The user-pool subject of a caller that `authorize(... 'admin' ...)` let through: who acted, never their email. */
export const adminId = (caller: Caller | undefined): string => {
  if (!caller?.isAdmin) throw new Unauthenticated();
  return caller.sub;
};
