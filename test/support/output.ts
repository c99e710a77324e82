/** What the process wrote to stdout and stderr while captured (the Powertools Logger writes there). */
export interface CapturedOutput {
  text(): string;
  restore(): void;
}

/**
 * Captures stdout and stderr. Powertools Logger prints through a `node:console` Console built on
 * `process.stdout` / `process.stderr` (unless POWERTOOLS_DEV is set), and a Console looks
 * `stream.write` up on every call, so spying on the streams' `write` sees every log line.
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
