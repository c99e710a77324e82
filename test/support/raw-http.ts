import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends `request` byte for byte over a fresh TCP connection (for requests no HTTP client would
 * send) and reads the one response, until the server closes the connection. A connection closed
 * or reset before a complete response is an error.
 */
export const rawHttp = (url: string, request: string | Buffer): Promise<RawResponse> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error) => (chunks.length > 0 ? settle() : reject(error)));
    socket.on('close', () => settle());
    socket.write(request);
    let settled = false;
    function settle() {
      if (settled) return;
      settled = true;
      const bytes = Buffer.concat(chunks);
      const split = bytes.indexOf('\r\n\r\n');
      const head = bytes.subarray(0, Math.max(split, 0)).toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(head);
      if (split < 0 || !status) {
        reject(new Error(`no complete response: ${JSON.stringify(bytes.subarray(0, 200).toString('latin1'))}`));
        return;
      }
      const headers = Object.fromEntries(
        head
          .split('\r\n')
          .slice(1)
          .map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      const length = headers['content-length'] === undefined ? undefined : split + 4 + Number(headers['content-length']);
      resolve({ status: Number(status[1]), headers, body: bytes.subarray(split + 4, length).toString('utf8') });
    }
  });
