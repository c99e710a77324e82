/**
 * The SQS message attribute that carries the id of the HTTP request a message came from (the
 * `x-request-id` its client saw), so the consumer's log lines can be joined to that request's.
 * Optional: a message sent outside a request has none.
 */
export const REQUEST_ID_ATTRIBUTE = 'requestId';
