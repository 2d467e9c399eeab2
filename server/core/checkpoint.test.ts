import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CheckpointError, formatCheckpoint, parseCheckpoint, type Checkpoint } from './checkpoint';
import { openNote, parseSignerKey, parseVerifierKey, signNote } from './signed-note';

const base64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

describe('known checkpoints', () => {
  it('formats and parses the C2SP tlog-checkpoint example', () => {
    const text = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
    const checkpoint = {
      origin: 'example.com/behind-the-sofa',
      size: 20852163,
      rootHash: base64('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I='),
    };
    expect(formatCheckpoint(checkpoint)).toBe(text);
    expect(parseCheckpoint(text)).toEqual(checkpoint);
  });

  it("formats the Go checksum database's tree note the way tlog.FormatTree does", () => {
    const text = 'go.sum database tree\n2\nnND/nri/U0xuHUrYSy0HtMeal2vzD9V4k/BO79C+QeI=\n';
    const parsed = parseCheckpoint(text);
    expect(parsed.size).toBe(2);
    expect(formatCheckpoint(parsed)).toBe(text);
  });

  it('represents the empty tree as size 0 with the SHA-256 of nothing', () => {
    const rootHash = createHash('sha256').digest();
    const text = formatCheckpoint({ origin: 'imtahan.example/log', size: 0, rootHash });
    expect(text).toBe('imtahan.example/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n');
    expect(parseCheckpoint(text).size).toBe(0);
  });

  it('keeps extension lines, in order', () => {
    const text = 'log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\nfirst extension\n— not a signature\n';
    const parsed = parseCheckpoint(text);
    expect(parsed.extensions).toEqual(['first extension', '— not a signature']);
    expect(formatCheckpoint(parsed)).toBe(text);
  });
});

describe('parseCheckpoint is strict', () => {
  const ROOT = 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=';

  it.each([
    ['no final newline', `log\n5\n${ROOT}`],
    ['only two lines', 'log\n5\n'],
    ['an empty origin', `\n5\n${ROOT}\n`],
    ['a leading zero in the size', `log\n05\n${ROOT}\n`],
    ['a plus sign', `log\n+5\n${ROOT}\n`],
    ['a negative size', `log\n-5\n${ROOT}\n`],
    ['an exponent', `log\n5e3\n${ROOT}\n`],
    ['spaces around the size', `log\n 5\n${ROOT}\n`],
    ['an empty size', `log\n\n${ROOT}\n`],
    ['a size beyond 2^53 − 1', `log\n9007199254740992\n${ROOT}\n`],
    ['a 31-byte root', `log\n5\n${Buffer.alloc(31).toString('base64')}\n`],
    ['a 33-byte root', `log\n5\n${Buffer.alloc(33).toString('base64')}\n`],
    ['unpadded base64', `log\n5\n${ROOT.slice(0, -1)}\n`],
    ['URL-safe base64', `log\n5\n${Buffer.from(base64(ROOT)).toString('base64url')}=\n`],
    ['hex instead of base64', `log\n5\n${Buffer.from(base64(ROOT)).toString('hex')}\n`],
    ['an empty extension line', `log\n5\n${ROOT}\n\n`],
    ['CRLF line endings', `log\r\n5\r\n${ROOT}\r\n`],
    ['a control character in the origin', `lo\tg\n5\n${ROOT}\n`],
  ])('rejects %s', (_, text) => {
    expect(() => parseCheckpoint(text)).toThrow(CheckpointError);
  });

  it('accepts the largest safe size', () => {
    expect(parseCheckpoint(`log\n9007199254740991\n${ROOT}\n`).size).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('formatCheckpoint refuses what it could not parse back', () => {
  const rootHash = new Uint8Array(32);

  it.each([
    ['an empty origin', { origin: '', size: 1, rootHash }],
    ['a newline in the origin', { origin: 'a\nb', size: 1, rootHash }],
    ['a negative size', { origin: 'log', size: -1, rootHash }],
    ['a fractional size', { origin: 'log', size: 1.5, rootHash }],
    ['an unsafe size', { origin: 'log', size: 2 ** 53, rootHash }],
    ['a short root', { origin: 'log', size: 1, rootHash: new Uint8Array(31) }],
    ['an empty extension', { origin: 'log', size: 1, rootHash, extensions: [''] }],
    ['a newline in an extension', { origin: 'log', size: 1, rootHash, extensions: ['a\nb'] }],
  ])('rejects %s', (_, checkpoint: Checkpoint) => {
    expect(() => formatCheckpoint(checkpoint)).toThrow(CheckpointError);
  });
});

describe('properties', () => {
  const line = fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).filter((s) => ![...s].some((c) => c < ' '));
  const checkpoint = fc.record(
    {
      origin: line,
      size: fc.maxSafeNat(),
      rootHash: fc.uint8Array({ minLength: 32, maxLength: 32 }),
      extensions: fc.array(line, { minLength: 1, maxLength: 3 }),
    },
    { requiredKeys: ['origin', 'size', 'rootHash'] },
  );

  it('parses what it formats, and formats what it parses back to the same text', () => {
    fc.assert(
      fc.property(checkpoint, (value) => {
        const text = formatCheckpoint(value);
        const parsed = parseCheckpoint(text);
        expect(parsed).toEqual(value);
        expect(formatCheckpoint(parsed)).toBe(text);
      }),
    );
  });

  it('survives signing and opening as a note', () => {
    const signer = parseSignerKey('PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz');
    const verifier = parseVerifierKey('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW');
    fc.assert(
      fc.property(checkpoint, (value) => {
        const note = signNote(formatCheckpoint(value), signer.name, signer.privateKey);
        expect(parseCheckpoint(openNote(note, [verifier]).text)).toEqual(value);
      }),
      { numRuns: 30 },
    );
  });
});
