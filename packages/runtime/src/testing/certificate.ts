/**
 * Self-signed X.509 certificates for the stand-in server, made with `@peculiar/x509` on Node's
 * WebCrypto: no `openssl` binary, no network, no certificate code of our own. The result is an
 * ECDSA P-256 / SHA-256 certificate, valid from one hour ago for `validDays`, with
 * subjectAltName entries for the given host names and IP addresses (by default `localhost`,
 * `127.0.0.1` and `::1`), basicConstraints CA:TRUE so that it can be its own trust anchor (`ca`
 * option of a client), and serverAuth extended key usage.
 *
 * `@peculiar/x509` (and `reflect-metadata`, the polyfill its dependency injection needs) are
 * optional peer dependencies of the runtime package: only this file needs them, only the
 * `testing` entry reaches this file, and only a TLS stand-in calls it — so they are loaded on
 * first use, and an application that never starts a TLS stand-in never installs or bundles them.
 */
import { createPrivateKey, webcrypto, X509Certificate } from 'node:crypto';
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

type X509Module = typeof import('@peculiar/x509');
let loading: Promise<X509Module> | undefined;

/** Loads `@peculiar/x509` once, with its polyfill first, and points it at Node's WebCrypto. */
function loadX509(): Promise<X509Module> {
  loading ??= (async () => {
    try {
      await import('reflect-metadata');
      const x509 = await import('@peculiar/x509');
      x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
      return x509;
    } catch (e) {
      loading = undefined;
      const code = (e as { code?: unknown }).code;
      if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
        throw new Error(
          'The Plesk stand-in makes its TLS certificate with @peculiar/x509: install it for your tests (npm install --save-dev @peculiar/x509 reflect-metadata), or pass tls: { key, cert }',
          { cause: e },
        );
      }
      throw e;
    }
  })();
  return loading;
}

/** Makes a fresh self-signed server certificate and its key (a few milliseconds). */
export async function createSelfSignedCertificate(options: SelfSignedOptions = {}): Promise<SelfSignedCertificate> {
  const dnsNames = options.dnsNames ?? ['localhost'];
  const ipAddresses = options.ipAddresses ?? ['127.0.0.1', '::1'];
  for (const ip of ipAddresses) if (isIP(ip) === 0) throw new TypeError(`not an IP address: ${ip}`);
  const validDays = options.validDays ?? 30;
  const x509 = await loadX509();

  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  // A positive 128-bit serial number (RFC 5280 §4.1.2.2: at most 20 octets, positive).
  const serial = webcrypto.getRandomValues(new Uint8Array(16));
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  const now = Date.now();
  const altNames = [
    ...dnsNames.map((value) => ({ type: 'dns' as const, value })),
    ...ipAddresses.map((value) => ({ type: 'ip' as const, value })),
  ];
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(serial).toString('hex'),
    name: [{ CN: [options.commonName ?? 'Plesk stand-in'] }],
    notBefore: new Date(now - 3600_000),
    notAfter: new Date(now + validDays * 86400_000),
    signingAlgorithm: algorithm,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(keys.publicKey),
      ...(altNames.length > 0 ? [new x509.SubjectAlternativeNameExtension(altNames)] : []),
    ],
  });
  const cert = certificate.toString('pem');
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return {
    cert: cert.endsWith('\n') ? cert : `${cert}\n`,
    key: createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({ type: 'pkcs8', format: 'pem' }).toString(),
    fingerprint256: new X509Certificate(cert).fingerprint256,
  };
}
