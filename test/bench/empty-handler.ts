// The baseline of the benchmark: a handler with no dependencies, bundled exactly like the real ones.
export const handler = async () => ({ statusCode: 200 });
