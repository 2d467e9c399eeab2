import type { IncomingMessage, ServerResponse } from 'node:http';
import { constants, createBrotliCompress, createGzip, type BrotliCompress, type Gzip } from 'node:zlib';

/** Types worth compressing: text of every kind, JSON, JavaScript, SVG. Images and PDFs already are. */
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|manifest\+json)|image\/svg\+xml)/;
/** Below this a compressed body saves less than the header costs. */
const MIN_BYTES = 1024;

/** br before gzip, by the client's Accept-Encoding (q=0 refuses). */
export function negotiateEncoding(header: string | string[] | undefined): 'br' | 'gzip' | null {
  const accepted = new Map<string, number>();
  for (const part of String(header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name.trim(), q ? Number(q.slice(2)) || 0 : 1);
  }
  if ((accepted.get('br') ?? 0) > 0) return 'br';
  if ((accepted.get('gzip') ?? 0) > 0) return 'gzip';
  return null;
}

function addVary(res: ServerResponse): void {
  const vary = String(res.getHeader('vary') ?? '');
  if (!/\baccept-encoding\b/i.test(vary)) res.setHeader('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
}

type Write = ServerResponse['write'];
type End = ServerResponse['end'];
type WriteHead = ServerResponse['writeHead'];

/**
 * Compresses what SvelteKit's handler writes to this response, on the fly: pages (HTML with the
 * exam's paper in it) and anything not already compressed. Static assets come precompressed from
 * the build (sirv serves the `.br`/`.gz` files and sets the encoding), and are passed through. The
 * decision is taken when the headers are known, so a response that sets its own encoding, is
 * small, or is not text goes out untouched; `Vary: Accept-Encoding` is added to every response a
 * cache could otherwise mix up.
 */
export function compressResponse(req: IncomingMessage, res: ServerResponse): void {
  const encoding = negotiateEncoding(req.headers['accept-encoding']);
  const write = res.write.bind(res) as Write;
  const end = res.end.bind(res) as End;
  const writeHead = res.writeHead.bind(res) as WriteHead;
  let stream: BrotliCompress | Gzip | null = null;
  let decided = false;

  const decide = () => {
    if (decided) return;
    decided = true;
    const type = String(res.getHeader('content-type') ?? '');
    if (!COMPRESSIBLE.test(type)) return;
    addVary(res);
    const length = Number(res.getHeader('content-length'));
    if (
      !encoding ||
      res.getHeader('content-encoding') ||
      req.method === 'HEAD' ||
      res.statusCode === 204 ||
      res.statusCode === 304 ||
      (Number.isFinite(length) && length < MIN_BYTES)
    )
      return;
    res.removeHeader('content-length');
    res.setHeader('content-encoding', encoding);
    // Quality 5 is brotli's sweet spot for on-the-fly work on two shared cores: near gzip's speed, smaller.
    stream =
      encoding === 'br'
        ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
        : createGzip({ level: 6 });
    stream.on('data', (chunk: Buffer) => {
      if (!write(chunk)) stream!.pause();
    });
    res.on('drain', () => stream?.resume());
    // The writer waits for 'drain' when write() says the buffer is full; the compressor's buffer is
    // the one that fills, so its drain is the one to pass on (or the page would wait forever).
    stream.on('drain', () => res.emit('drain'));
    stream.on('end', () => end());
  };

  res.writeHead = ((statusCode: number, ...rest: unknown[]) => {
    // adapter-node and sirv pass their headers here; set them first so the decision can read them.
    const headers = rest.find((arg) => typeof arg === 'object' && arg !== null) as
      Record<string, number | string | string[] | undefined> | undefined;
    if (headers && !Array.isArray(headers))
      for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
    res.statusCode = statusCode;
    decide();
    return writeHead(statusCode);
  }) as WriteHead;

  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    decide();
    if (!stream) return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    const encodingArg = typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : undefined;
    const callback = rest.find((arg) => typeof arg === 'function') as ((error?: Error | null) => void) | undefined;
    return stream.write(chunk as Buffer, encodingArg ?? 'utf8', callback);
  }) as Write;

  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    decide();
    if (!stream) return (end as (...args: unknown[]) => ServerResponse)(chunk, ...rest);
    if (typeof chunk === 'function') stream.end(chunk as () => void);
    else if (chunk !== undefined && chunk !== null) {
      const encodingArg = typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : 'utf8';
      stream.end(chunk as Buffer, encodingArg);
    } else stream.end();
    return res;
  }) as End;
}
