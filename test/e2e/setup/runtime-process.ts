import { join } from 'node:path';

/** Where the e2e run keeps the local runtime's combined output, to check it for personal data. */
export const RUNTIME_LOG = join(__dirname, '..', '..', '..', '.local', 'e2e-runtime.log');
