import { e164 } from '../text-fields';

// Path parameters of the fax routes, apart from the body schemas (schemas.ts): a route that reads
// only a parameter does not build the gateway's schemas at load.

/** `{faxNumber}` of the blocked-sender routes. */
export const faxNumberParameter = e164;
