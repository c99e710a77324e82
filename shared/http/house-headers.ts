/**
 * Headers every response carries, whether a function's edge or the local runtime answers it
 * (with `x-request-id`, which each stamps with its own request id).
 */
export const HOUSE_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
};
