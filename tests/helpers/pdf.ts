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
