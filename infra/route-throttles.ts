import type { RouteAuth } from '../shared/http/types';
import type { StageConfig } from './config';

/** Routes anyone may call without a token get the public routes' tighter throttling. */
export const isOpenToAnyone = (auth: RouteAuth): boolean => auth === 'public' || auth === 'optional';

/**
 * A route's own throttling, where it differs from the stage's per-route default: tighter for the
 * routes anyone may call, wider for the gateways' (the fax traffic itself). Customer and admin
 * routes keep the stage's default.
 */
export const routeThrottleFor = (auth: RouteAuth, config: StageConfig): { rateLimit: number; burstLimit: number } | undefined => {
  if (isOpenToAnyone(auth)) return config.api.publicRoute;
  return auth === 'gateway' ? config.api.gatewayRoute : undefined;
};
