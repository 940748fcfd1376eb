// PDF Standard security handler, revision 2 (RC4, 40-bit key; PDF 1.4 spec
// §3.5.2, algorithms 3.1–3.4), for tests of password-protected PDFs. Weak by
// design and only for tests: makePdf() passes strings and streams through it.
import { createHash } from 'node:crypto';
import type { PdfEncryption } from './make-pdf';

const PAD = Uint8Array.from([
  0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08, 0x2e, 0x2e,
  0x00, 0xb6, 0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
]);

/** Every permission granted (bits 1–2 clear, as the spec requires). */
const PERMISSIONS = -4;

function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Uint8Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + (s[i] as number) + (key[i % key.length] as number)) & 255;
    [s[i], s[j]] = [s[j] as number, s[i] as number];
  }
  const out = new Uint8Array(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 255;
    j = (j + (s[i] as number)) & 255;
    [s[i], s[j]] = [s[j] as number, s[i] as number];
    out[k] = (data[k] as number) ^ (s[((s[i] as number) + (s[j] as number)) & 255] as number);
  }
  return out;
}

function md5(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

function padded(password: string): Uint8Array {
  const out = new Uint8Array(32);
  const bytes = Uint8Array.from(password.slice(0, 32), (c) => c.charCodeAt(0) & 255);
  out.set(bytes);
  out.set(PAD.subarray(0, 32 - bytes.length), bytes.length);
  return out;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** RC4 40-bit encryption with a user password (the owner password is the same). */
export function rc4Encryption(password: string): PdfEncryption {
  const id = md5(new TextEncoder().encode(`ketamine-lens-test-${password}`));
  // Algorithm 3.3: the O entry.
  const ownerKey = md5(padded(password)).subarray(0, 5);
  const o = rc4(ownerKey, padded(password));
  // Algorithm 3.2: the file key.
  const p = new Uint8Array(4);
  new DataView(p.buffer).setInt32(0, PERMISSIONS, true);
  const key = md5(padded(password), o, p, id).subarray(0, 5);
  // Algorithm 3.4: the U entry.
  const u = rc4(key, PAD);
  return {
    id,
    dictionary: `/Filter /Standard /V 1 /R 2 /O <${hex(o)}> /U <${hex(u)}> /P ${PERMISSIONS}`,
    cipher(num, data) {
      // Algorithm 3.1: the object's key from the file key, object number and generation 0.
      const objectId = Uint8Array.of(num & 255, (num >> 8) & 255, (num >> 16) & 255, 0, 0);
      return rc4(md5(key, objectId).subarray(0, 10), data);
    },
  };
}
