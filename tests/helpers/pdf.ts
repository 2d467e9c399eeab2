import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/**
 * Reads a PDF back as a person would, with Debian's poppler-utils: its text (runs of whitespace, line
 * wraps included, made single spaces) and the QR code on its page.
 */
export function readPdf(pdf: Buffer): { text: string; qr: string | null; pages: number } {
  const dir = mkdtempSync(join(tmpdir(), 'imtahan-pdf-'));
  try {
    const path = join(dir, 'document.pdf');
    writeFileSync(path, pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', path, join(dir, 'page')]);
    const png = PNG.sync.read(readFileSync(join(dir, 'page.png')));
    const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
    return { text, qr, pages: Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1] ?? 0) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What an assistive technology reads from a PDF besides its text: the structure poppler reports, and the rest. */
export interface PdfAccessibility {
  /** `pdfinfo` says `Tagged: yes` (the catalogue's MarkInfo). */
  tagged: boolean;
  title: string;
  pdfVersion: string;
  pages: number;
  /** The catalogue's document language. */
  language: string | null;
  /** The XMP metadata packet (`pdfinfo -meta`), empty when there is none. */
  xmp: string;
  /**
   * The structure tree as `pdfinfo -struct-text` prints it (two spaces a level), with each element's text; or
   * without the texts (`-struct`), which poppler is much quicker at for long documents.
   */
  tree: string;
  /** The alternative texts of the structure elements of each type (`Figure`: the QR code). */
  alt: Record<string, string[]>;
}

/**
 * A PDF's accessibility as readers see it: poppler-utils' `pdfinfo` for the tagging, the structure tree and the
 * XMP packet; the alternative texts and the language, which pdfinfo does not print, read from the structure
 * elements' dictionaries (pdfkit leaves object dictionaries uncompressed; only streams are deflated).
 */
export function readPdfAccessibility(pdf: Buffer, options: { texts?: boolean } = {}): PdfAccessibility {
  const dir = mkdtempSync(join(tmpdir(), 'imtahan-pdf-'));
  try {
    const path = join(dir, 'document.pdf');
    writeFileSync(path, pdf);
    const pdfinfo = (...args: string[]) => execFileSync('pdfinfo', [...args, path], { encoding: 'utf8' });
    const info = pdfinfo();
    const field = (name: string) => new RegExp(`^${name}:\\s+(.*)$`, 'm').exec(info)?.[1]?.trim() ?? '';
    const raw = pdf.toString('latin1');
    const alt: Record<string, string[]> = {};
    for (const match of raw.matchAll(/\/S \/(\w+)\s*\n\/Alt (\((?:\\[\s\S]|[^\\)])*\)|<[0-9A-Fa-f]*>)/g)) {
      (alt[match[1]!] ??= []).push(pdfString(match[2]!));
    }
    const catalog = /\/Type \/Catalog[\s\S]*?\/Lang (\((?:\\[\s\S]|[^\\)])*\))/.exec(raw);
    return {
      tagged: field('Tagged') === 'yes',
      title: field('Title'),
      pdfVersion: field('PDF version'),
      pages: Number(field('Pages')),
      language: catalog ? pdfString(catalog[1]!) : null,
      xmp: pdfinfo('-meta'),
      tree: pdfinfo(options.texts === false ? '-struct' : '-struct-text'),
      alt,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A PDF string object (literal or hex), as text: UTF-16BE after a byte-order mark, else PDFDocEncoding's ASCII. */
function pdfString(token: string): string {
  let bytes: number[];
  if (token.startsWith('<')) {
    bytes = [...Buffer.from(token.slice(1, -1), 'hex')];
  } else {
    bytes = [];
    const body = token.slice(1, -1);
    const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
    for (let i = 0; i < body.length; i++) {
      const c = body[i]!;
      if (c !== '\\') {
        bytes.push(c.charCodeAt(0));
        continue;
      }
      const next = body[++i]!;
      const octal = /^[0-7]{1,3}/.exec(body.slice(i))?.[0];
      if (octal) {
        bytes.push(parseInt(octal, 8));
        i += octal.length - 1;
      } else {
        bytes.push(escapes[next] ?? next.charCodeAt(0));
      }
    }
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.slice(2)).swap16().toString('utf16le');
  return Buffer.from(bytes).toString('latin1');
}
