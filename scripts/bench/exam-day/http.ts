import { Agent, request as httpRequest } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

export interface HttpResponse {
  status: number;
  /** The session cookie pair (`name=value`) if the response set one. */
  setCookie: string | null;
  /** Retry-After in seconds, on a refusal that says when to ask again. */
  retryAfter: number | null;
  /** The body, decompressed; a compressed 2xx body is left as it came (`compressed`), as nothing reads it. */
  body: string;
}

/** How a request is made besides its method, path and body. */
export interface SendOptions {
  /** Accept brotli and gzip, as a browser does (the pass list and other public answers are kept compressed). */
  compressed?: boolean;
}

/**
 * A keep-alive HTTP/1.1 client over node:http, as light as a load generator can be: no cookie jar,
 * no redirects. Every virtual candidate reuses the worker's pooled sockets, like browsers behind
 * one address would.
 */
export function createClient(baseUrl: string, options: { timeoutMs: number }) {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity, keepAliveMsecs: 10_000 });
  const origin = url.origin;

  function send(
    method: string,
    path: string,
    body?: unknown,
    cookie?: string | null,
    how: SendOptions = {},
  ): Promise<HttpResponse> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (how.compressed) headers['accept-encoding'] = 'br, gzip';
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    // Writes need a same-origin Origin (the API's CSRF check); a browser sends it on every fetch.
    if (method !== 'GET') headers.origin = origin;
    if (cookie) headers.cookie = cookie;
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { agent, host: url.hostname, port: url.port, method, path, headers, timeout: options.timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const raw = res.headers['set-cookie']?.[0];
            const status = res.statusCode ?? 0;
            const retryAfter = Number(res.headers['retry-after']);
            resolve({
              status,
              setCookie: raw ? raw.split(';')[0]! : null,
              retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
              body: bodyText(Buffer.concat(chunks), res.headers['content-encoding'], status),
            });
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`timed out after ${options.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  return { send, close: () => agent.destroy() };
}
export type HttpClient = ReturnType<typeof createClient>;

/** A refusal's body decompressed, to read its error code; a success's left as it came (nothing reads it). */
function bodyText(bytes: Buffer, encoding: string | undefined, status: number): string {
  if (status >= 200 && status < 300 && encoding) return `(${bytes.length} bytes, ${encoding})`;
  if (encoding === 'br') return brotliDecompressSync(bytes).toString('utf8');
  if (encoding === 'gzip') return gunzipSync(bytes).toString('utf8');
  return bytes.toString('utf8');
}
