/** What the process wrote to stdout and stderr while captured (the logger and the metrics write there). */
export interface CapturedOutput {
  text(): string;
  restore(): void;
}

/**
 * Captures stdout and stderr. The house logger (shared/logger.ts) and metrics (shared/metrics.ts)
 * call `process.stdout.write` / `process.stderr.write` on every line, so spying on the streams'
 * `write` sees every line.
 */
export const captureOutput = (): CapturedOutput => {
  const chunks: string[] = [];
  const record = (chunk: string | Uint8Array): boolean => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  const spies = [process.stdout, process.stderr].map((stream) =>
    jest.spyOn(stream, 'write').mockImplementation(record as typeof stream.write),
  );
  return {
    text: () => chunks.join(''),
    restore: () => spies.forEach((spy) => spy.mockRestore()),
  };
};
