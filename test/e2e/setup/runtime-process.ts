import { join } from 'node:path';

/** Where the e2e run keeps the local runtime's combined output, to check it for personal data. */
export const RUNTIME_LOG = join(__dirname, '..', '..', '..', '.local', 'e2e-runtime.log');

/** The web client's origin the e2e runtime allows (`CORS_ORIGINS`, in place of the default). */
export const E2E_WEB_ORIGIN = 'https://web.e2e.test';
