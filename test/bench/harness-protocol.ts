/**
 * Starts the harness's result line on stdout. The function writes there too (its EMF metrics
 * lines), so the bench takes the line that starts with this, not the whole output.
 */
export const RESULT_PREFIX = 'bench-harness-result ';
