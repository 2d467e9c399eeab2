import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressResponse, negotiateEncoding } from './web-compress';

/** A page big enough to fill the compressor's buffer, written the way adapter-node writes (waiting for drain). */
const BIG = '<p>İmtahan — sual</p>\n'.repeat(40_000);

let url = '';
const server = createServer((req, res) => {
  compressResponse(req, res);
  if (req.url === '/small') {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': '5' });
    res.end('hello');
    return;
  }
  if (req.url === '/encoded') {
    res.writeHead(200, { 'content-type': 'application/javascript', 'content-encoding': 'br' });
    res.end(Buffer.from([1, 2, 3]));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', vary: 'Cookie' });
  void (async () => {
    for (let i = 0; i < BIG.length; i += 16_384) {
      if (!res.write(BIG.slice(i, i + 16_384))) await new Promise((resolve) => res.once('drain', resolve));
    }
    res.end();
  })();
});

function get(path: string, encoding: string): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(`${url}${path}`, { headers: { 'accept-encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('page compression', () => {
  it.each([
    ['br, gzip', 'br'],
    ['gzip, deflate', 'gzip'],
    ['gzip, br;q=0', 'gzip'],
    ['identity', null],
    [undefined, null],
  ])('Accept-Encoding %j → %s', (header, expected) => {
    expect(negotiateEncoding(header)).toBe(expected);
  });

  it('compresses a large page with brotli, keeps its Vary and adds Accept-Encoding, without stalling', async () => {
    const { headers, body } = await get('/', 'br, gzip');
    expect(headers['content-encoding']).toBe('br');
    expect(headers.vary).toBe('Cookie, Accept-Encoding');
    expect(body.length).toBeLessThan(BIG.length / 20);
    expect(brotliDecompressSync(body).toString()).toBe(BIG);
  });

  it('falls back to gzip, and leaves small or already encoded responses alone', async () => {
    const gz = await get('/', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(BIG);
    const small = await get('/small', 'br');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body.toString()).toBe('hello');
    const encoded = await get('/encoded', 'gzip');
    expect(encoded.headers['content-encoding']).toBe('br');
    expect([...encoded.body]).toEqual([1, 2, 3]);
  });
});
