// A tiny PDF writer for tests: valid PDF 1.4 with pages of Helvetica text
// lines (one line per text-showing operator), a correct cross-reference
// table and nothing else. Written here so no binary fixture comes from
// elsewhere. Text is WinAnsi: characters outside Latin-1 become "?".

export interface PdfPage {
  lines: readonly string[];
}

export interface MakePdfOptions {
  /** Font size in points (line height is 1.4×). */
  fontSize?: number;
  /** Encrypts strings and streams and sets /Encrypt (see pdf-encrypt.ts). */
  encrypt?: PdfEncryption;
}

/** What an encryption scheme gives the writer: an object's cipher and the /Encrypt dictionary. */
export interface PdfEncryption {
  /** Encrypts a string or stream of object `num` (generation 0). */
  cipher(num: number, data: Uint8Array): Uint8Array;
  /** The /Encrypt dictionary, without `<< >>`. */
  dictionary: string;
  /** The first element of /ID (bytes the keys were made with). */
  id: Uint8Array;
}

const PAGE_W = 612;
const PAGE_H = 792;
const MARGIN = 72;

function latin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[i] = c < 256 ? c : 63;
  }
  return out;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A PDF literal string, escaped: ( ) \ and bytes outside printable ASCII. */
function literal(bytes: Uint8Array): string {
  let s = '(';
  for (const b of bytes) {
    if (b === 0x28 || b === 0x29 || b === 0x5c) s += `\\${String.fromCharCode(b)}`;
    else if (b < 0x20 || b > 0x7e) s += `\\${b.toString(8).padStart(3, '0')}`;
    else s += String.fromCharCode(b);
  }
  return `${s})`;
}

/** One page's content stream: the lines top-down from the margin. */
function contentStream(page: PdfPage, size: number, str: (s: string) => string): string {
  const lead = Math.round(size * 1.4);
  const ops = [`BT /F1 ${size} Tf ${lead} TL ${MARGIN} ${PAGE_H - MARGIN} Td`];
  page.lines.forEach((line, i) => {
    ops.push(`${i === 0 ? '' : 'T* '}${str(line)} Tj`);
  });
  ops.push('ET');
  return ops.join('\n');
}

export function makePdf(pages: readonly PdfPage[], options: MakePdfOptions = {}): Uint8Array {
  const size = options.fontSize ?? 12;
  const enc = options.encrypt;
  // Objects: 1 catalog, 2 page tree, 3 font, then per page: page, contents.
  const objects: (string | { dict: string; stream: Uint8Array })[] = [];
  const kids = pages.map((_, i) => `${4 + i * 2} 0 R`).join(' ');
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  pages.forEach((page, i) => {
    const pageNum = 4 + i * 2;
    const contentNum = pageNum + 1;
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentNum} 0 R >>`,
    );
    // Strings inside a content stream are encrypted with the stream, not one by one.
    let stream = latin1(contentStream(page, size, (s) => literal(latin1(s))));
    if (enc) stream = enc.cipher(contentNum, stream);
    objects.push({ dict: `<< /Length ${stream.length} >>`, stream });
  });
  const encryptNum = enc ? objects.length + 1 : 0;
  if (enc) objects.push(`<< ${enc.dictionary} >>`);

  const chunks: Uint8Array[] = [];
  let length = 0;
  const write = (part: string | Uint8Array) => {
    const bytes = typeof part === 'string' ? latin1(part) : part;
    chunks.push(bytes);
    length += bytes.length;
  };
  // A binary comment after the header marks the file as binary for transfer tools.
  write('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(length);
    write(`${i + 1} 0 obj\n`);
    if (typeof obj === 'string') write(obj);
    else {
      write(`${obj.dict}\nstream\n`);
      write(obj.stream);
      write('\nendstream');
    }
    write('\nendobj\n');
  });
  const xref = length;
  write(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`);
  for (const off of offsets) write(`${String(off).padStart(10, '0')} 00000 n \n`);
  const id = enc ? enc.id : latin1('ketamine-lens-pdf');
  const trailer = [`/Size ${objects.length + 1}`, '/Root 1 0 R', `/ID [<${hex(id)}> <${hex(id)}>]`];
  if (enc) trailer.push(`/Encrypt ${encryptNum} 0 R`);
  write(`trailer\n<< ${trailer.join(' ')} >>\nstartxref\n${xref}\n%%EOF\n`);

  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Pages of filler text with the given lines placed on chosen pages (1-based). */
export function pagesWith(count: number, placed: Record<number, readonly string[]>): PdfPage[] {
  return Array.from({ length: count }, (_, i) => ({
    lines: placed[i + 1] ?? [`Page ${i + 1}. Notes on gardens, weather and trains.`],
  }));
}
