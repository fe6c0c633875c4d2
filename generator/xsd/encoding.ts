/**
 * Turns the bytes of an XSD file into text, honouring the encoding the file declares.
 *
 * XML 1.0 (section 4.3.3 and appendix F) says how: a byte-order mark decides (UTF-8, UTF-16 LE
 * or BE); otherwise the encoding named in the XML declaration (`<?xml … encoding="…"?>`, read
 * as ASCII, which every encoding we accept agrees with for those characters); otherwise UTF-8.
 * Decoding is Node's own: `TextDecoder` (WHATWG encodings, with `fatal` so bytes that are not
 * valid in the encoding are an error, never U+FFFD), except for two labels where the WHATWG
 * Encoding Standard deliberately differs from XML processors such as libxml2:
 *
 * - `ISO-8859-1`/`latin1`: WHATWG decodes these as windows-1252 (bytes 0x80–0x9F become `€`, `‚`,
 *   …); XML means ISO-8859-1 itself (those bytes are U+0080–U+009F). Decoded with Buffer's
 *   `latin1`, which is exactly ISO-8859-1.
 * - `US-ASCII`/`ASCII`: WHATWG again means windows-1252; XML means 7-bit ASCII, so a byte above
 *   0x7F is an error.
 *
 * An encoding Node does not know is an error naming it (no guessing).
 *
 * Node 20's `TextDecoder('windows-1252')` decodes bytes 0x80–0x9F as ISO-8859-1 would (U+0080–
 * U+009F instead of `€`, `‚`, …). Rather than garble them silently (or carry a decoding table of
 * our own), such a file is an error on a Node with that defect; other windows-1252 files decode.
 */
import { Buffer } from 'node:buffer';
import { TextDecoder } from 'node:util';

export type DecodeResult = { ok: true; text: string; encoding: string } | { ok: false; line: number; message: string };

const LATIN1 = new Set(['iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'l1', 'iso-ir-100', 'csisolatin1', 'ibm819', 'cp819', 'iso_8859-1:1987']);
const ASCII = new Set(['us-ascii', 'ascii', 'iso646-us', 'us', 'ansi_x3.4-1968', 'iso-ir-6', 'csascii', 'cp367', 'ibm367']);

/** True when this Node's windows-1252 decoder maps 0x80 to U+0080 instead of U+20AC. */
const WINDOWS_1252_DEFECT = new TextDecoder('windows-1252').decode(new Uint8Array([0x80])) !== '\u20ac';

/** The `encoding` pseudo-attribute of an XML declaration at the start of `head`, if any. */
function declaredEncoding(head: string): string | undefined {
  const decl = /^<\?xml\s[^?>]*\?>/.exec(head);
  if (decl === null) return undefined;
  const m = /\sencoding\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(decl[0]);
  return m === null ? undefined : (m[1] ?? m[2]);
}

/** 1-based line of the first byte at or after `offset` that is above 0x7F (for ASCII errors). */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 10) line++;
  return line;
}

function decodeWith(label: string, bytes: Uint8Array): DecodeResult {
  const lower = label.toLowerCase();
  if (LATIN1.has(lower)) return { ok: true, text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), encoding: label };
  if (ASCII.has(lower)) {
    const bad = bytes.findIndex((b) => b > 0x7f);
    if (bad >= 0) {
      return { ok: false, line: lineAt(bytes, bad), message: `byte 0x${bytes[bad].toString(16).toUpperCase()} is not ${label} (declared encoding)` };
    }
    return { ok: true, text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), encoding: label };
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(lower, { fatal: true, ignoreBOM: false });
  } catch {
    return { ok: false, line: 1, message: `unsupported encoding "${label}" (declared in the XML declaration)` };
  }
  if (decoder.encoding === 'windows-1252' && WINDOWS_1252_DEFECT) {
    const bad = bytes.findIndex((b) => b >= 0x80 && b <= 0x9f);
    if (bad >= 0) {
      return {
        ok: false,
        line: lineAt(bytes, bad),
        message: `byte 0x${bytes[bad].toString(16).toUpperCase()} of ${label}: this Node.js (${process.version}) decodes windows-1252 bytes 0x80-0x9F wrongly; re-encode the file as UTF-8 or use a newer Node.js`,
      };
    }
  }
  try {
    return { ok: true, text: decoder.decode(bytes), encoding: label };
  } catch {
    // The decoder does not say where; find the line by decoding growing prefixes would be
    // quadratic, so report the first line whose bytes fail on their own.
    let start = 0;
    let line = 1;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 10) {
        try {
          new TextDecoder(lower, { fatal: true }).decode(bytes.subarray(start, i));
        } catch {
          return { ok: false, line, message: `bytes that are not valid ${label}` };
        }
        start = i + 1;
        line++;
      }
    }
    return { ok: false, line: 1, message: `bytes that are not valid ${label}` };
  }
}

/** Decodes an XML document's bytes as XML 1.0 says (byte-order mark, then declaration, then UTF-8). */
export function decodeXml(bytes: Uint8Array): DecodeResult {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return decodeWith('UTF-8', bytes);
  if (b0 === 0xff && b1 === 0xfe) return decodeWith('UTF-16LE', bytes);
  if (b0 === 0xfe && b1 === 0xff) return decodeWith('UTF-16BE', bytes);
  // UTF-16 without a byte-order mark, recognised by `<?` (appendix F).
  if (b0 === 0x3c && b1 === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) return decodeWith('UTF-16LE', bytes);
  if (b0 === 0x00 && b1 === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f) return decodeWith('UTF-16BE', bytes);
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 512)).toString('latin1');
  const declared = declaredEncoding(head);
  if (declared === undefined) return decodeWith('UTF-8', bytes);
  // A declaration that names UTF-16 in single bytes cannot be right: the declaration itself would be two-byte.
  if (/^utf-?16/i.test(declared)) {
    return { ok: false, line: 1, message: `declared encoding "${declared}" but the file has no byte-order mark and is not two-byte` };
  }
  return decodeWith(declared, bytes);
}
