/**
 * Self-signed X.509 certificates for the stand-in server, made in pure JavaScript: node:crypto
 * makes the key pair and the signature, and this file writes the certificate's DER by hand
 * (a few ASN.1 types are all a certificate needs). No `openssl` binary, no network, no
 * dependency. The result is an ECDSA P-256 / SHA-256 certificate, valid from one hour ago for
 * `validDays`, with subjectAltName entries for the given host names and IP addresses (by
 * default `localhost`, `127.0.0.1` and `::1`), basicConstraints CA:TRUE so that it can be its
 * own trust anchor (`ca` option of a client), and serverAuth extended key usage.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';

export interface SelfSignedOptions {
  /** Subject and issuer common name. Default `Plesk stand-in`. */
  commonName?: string;
  /** DNS names for subjectAltName. Default `['localhost']`. */
  dnsNames?: readonly string[];
  /** IP addresses (v4 or v6) for subjectAltName. Default `['127.0.0.1', '::1']`. */
  ipAddresses?: readonly string[];
  /** Validity in days from now. Default 30. Negative: a certificate that has already expired. */
  validDays?: number;
}

export interface SelfSignedCertificate {
  /** Certificate, PEM. Give it to clients as their trusted `ca`. */
  cert: string;
  /** Private key, PKCS#8 PEM. */
  key: string;
  /** SHA-256 fingerprint, `AB:CD:…`. */
  fingerprint256: string;
}

// ---- minimal DER writer -------------------------------------------------------------------

function concat(parts: readonly Uint8Array[]): Buffer {
  return Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
}

function tlv(tag: number, content: Uint8Array): Buffer {
  const n = content.byteLength;
  let len: number[];
  if (n < 0x80) len = [n];
  else {
    const bytes: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
    len = [0x80 | bytes.length, ...bytes];
  }
  return concat([Uint8Array.of(tag, ...len), content]);
}

const seq = (...items: Uint8Array[]): Buffer => tlv(0x30, concat(items));
const set = (...items: Uint8Array[]): Buffer => tlv(0x31, concat(items));
const octets = (b: Uint8Array): Buffer => tlv(0x04, b);
const bitString = (b: Uint8Array, unusedBits = 0): Buffer => tlv(0x03, concat([Uint8Array.of(unusedBits), b]));
const utf8 = (s: string): Buffer => tlv(0x0c, Buffer.from(s, 'utf8'));
const bool = (v: boolean): Buffer => tlv(0x01, Uint8Array.of(v ? 0xff : 0x00));
const explicit = (n: number, content: Uint8Array): Buffer => tlv(0xa0 | n, content);

function integer(bytes: Uint8Array): Buffer {
  let b = Buffer.from(bytes);
  while (b.length > 1 && b[0] === 0 && (b[1]! & 0x80) === 0) b = b.subarray(1);
  if ((b[0]! & 0x80) !== 0) b = Buffer.concat([Buffer.of(0), b]);
  return tlv(0x02, b);
}

function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const out: number[] = [40 * arcs[0]! + arcs[1]!];
  for (const arc of arcs.slice(2)) {
    const chunk: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
    out.push(...chunk);
  }
  return tlv(0x06, Uint8Array.from(out));
}

function time(d: Date): Buffer {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const y = d.getUTCFullYear();
  const rest = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  // RFC 5280: UTCTime through 2049, GeneralizedTime from 2050.
  return y < 2050 ? tlv(0x17, Buffer.from(`${p(y % 100)}${rest}`, 'ascii')) : tlv(0x18, Buffer.from(`${p(y, 4)}${rest}`, 'ascii'));
}

function ipBytes(ip: string): Uint8Array {
  const kind = isIP(ip);
  if (kind === 4) return Uint8Array.from(ip.split('.').map(Number));
  if (kind === 6) {
    const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
    const h = head ? head.split(':') : [];
    const t = tail ? tail.split(':') : [];
    const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
    const out = new Uint8Array(16);
    groups.forEach((g, i) => {
      const v = parseInt(g, 16);
      out[2 * i] = v >> 8;
      out[2 * i + 1] = v & 0xff;
    });
    return out;
  }
  throw new TypeError(`not an IP address: ${ip}`);
}

const OID = {
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
};

function extension(id: string, critical: boolean, value: Uint8Array): Buffer {
  return critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));
}

function pem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** Makes a fresh self-signed server certificate and its key (a few milliseconds). */
export function createSelfSignedCertificate(options: SelfSignedOptions = {}): SelfSignedCertificate {
  const commonName = options.commonName ?? 'Plesk stand-in';
  const dnsNames = options.dnsNames ?? ['localhost'];
  const ipAddresses = options.ipAddresses ?? ['127.0.0.1', '::1'];
  const validDays = options.validDays ?? 30;

  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  // The key identifier: SHA-1 of the subjectPublicKey bits (RFC 5280 §4.2.1.2, method 1).
  const keyBits = spki.subarray(spki.length - 65);
  const keyId = createHash('sha1').update(keyBits).digest();

  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  const now = Date.now();
  const notBefore = new Date(now - 3600_000);
  const notAfter = new Date(now + validDays * 86400_000);
  const name = seq(set(seq(oid(OID.commonName), utf8(commonName))));
  const algorithm = seq(oid(OID.ecdsaWithSha256));

  const altNames = [
    ...dnsNames.map((d) => tlv(0x82, Buffer.from(d, 'ascii'))),
    ...ipAddresses.map((ip) => tlv(0x87, ipBytes(ip))),
  ];
  const extensions = [
    extension(OID.basicConstraints, true, seq(bool(true))),
    // digitalSignature (bit 0) + keyCertSign (bit 5): 1000 0100, 2 unused bits.
    extension(OID.keyUsage, true, bitString(Uint8Array.of(0x84), 2)),
    extension(OID.extKeyUsage, false, seq(oid(OID.serverAuth))),
    extension(OID.subjectKeyIdentifier, false, octets(keyId)),
    extension(OID.authorityKeyIdentifier, false, seq(tlv(0x80, keyId))),
    ...(altNames.length > 0 ? [extension(OID.subjectAltName, false, seq(...altNames))] : []),
  ];

  const tbs = seq(
    explicit(0, integer(Uint8Array.of(2))), // v3
    integer(serial),
    algorithm,
    name,
    seq(time(notBefore), time(notAfter)),
    name,
    spki,
    explicit(3, seq(...extensions)),
  );
  const signature = sign('sha256', tbs, privateKey); // DER-encoded ECDSA signature
  const der = seq(tbs, algorithm, bitString(signature));

  const cert = pem('CERTIFICATE', der);
  const x509 = new X509Certificate(cert);
  if (!x509.verify(publicKey)) throw new Error('self-signed certificate does not verify (DER writer bug)');
  return {
    cert,
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    fingerprint256: x509.fingerprint256,
  };
}
