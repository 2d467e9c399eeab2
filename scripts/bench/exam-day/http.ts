import { Agent, request as httpRequest } from 'node:http';

export interface HttpResponse {
  status: number;
  /** The session cookie pair (`name=value`) if the response set one. */
  setCookie: string | null;
  body: string;
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

  function send(method: string, path: string, body?: unknown, cookie?: string | null): Promise<HttpResponse> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { accept: 'application/json' };
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
            resolve({
              status: res.statusCode ?? 0,
              setCookie: raw ? raw.split(';')[0]! : null,
              body: Buffer.concat(chunks).toString('utf8'),
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
