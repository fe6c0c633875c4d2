/**
 * Reading XSD files as XML 1.0 says: character and entity references decoded, a DOCTYPE with
 * an internal subset tolerated (its internal entities expanded, nothing external loaded, no
 * expansion bombs), the declared encoding honoured, and URLs / location-less imports resolved
 * through a catalog. Fixtures are written at run time; where a reading decides what a schema
 * means, libxml2 reading the same bytes is the judge.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { XmlDocument, XmlLibError, XsdValidator } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';
import {
  loadDocuments,
  readCatalog,
  tryResolveLoadedSet,
  type Catalog,
  type SchemaDiagnostic,
  type SchemaSet,
  type SimpleTypeDef,
} from '../../generator/model/index.js';
import { decodeXml } from '../../generator/xsd/encoding.js';
import { MAX_EXPANSION, parseXsd } from '../../generator/xsd/dom.js';
import { xsdPatternToJs } from '../../generator/binding/regex.js';

const root = mkdtempSync(join(tmpdir(), 'xsd-reading-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let fixtureCount = 0;

/** Writes `files` into a fresh folder; returns its path. */
function fixture(files: Record<string, string | Uint8Array>): string {
  const dir = join(root, `f${++fixtureCount}`);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

function load(dir: string, file = 'root.xsd', catalog?: Catalog): { set: SchemaSet; diagnostics: SchemaDiagnostic[] } {
  return tryResolveLoadedSet(loadDocuments(dir, file, new Map(), catalog === undefined ? {} : { catalog }));
}

function loadClean(dir: string, file = 'root.xsd', catalog?: Catalog): SchemaSet {
  const { set, diagnostics } = load(dir, file, catalog);
  expect(diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`)).toEqual([]);
  return set;
}

const brief = (ds: SchemaDiagnostic[]) => ds.map((d) => `${d.file}:${d.line}: ${d.message}`);

/** libxml2's verdict on `instance` against the schema file `schema` (read by libxml2 from disk). */
function libxml2Valid(schema: string, instance: string): boolean {
  xmlRegisterFsInputProviders();
  const schemaDoc = XmlDocument.fromBuffer(new Uint8Array(readFileSync(schema)), { url: pathToFileURL(schema).href });
  const validator = XsdValidator.fromDoc(schemaDoc);
  const doc = XmlDocument.fromString(instance);
  try {
    validator.validate(doc);
    return true;
  } catch (e) {
    if (e instanceof XmlLibError) return false;
    throw e;
  } finally {
    doc.dispose();
    validator.dispose();
    schemaDoc.dispose();
  }
}

const XS = 'xmlns:xs="http://www.w3.org/2001/XMLSchema"';
function simple(set: SchemaSet, name: string): SimpleTypeDef {
  const t = set.types.get(name);
  if (t?.kind !== 'simple') throw new Error(`no simple type ${name}`);
  return t;
}

describe('character and entity references in XSD attributes', () => {
  const schema = `<?xml version="1.0"?>
<xs:schema ${XS}>
  <xs:simpleType name="Printable"><xs:restriction base="xs:string"><xs:pattern value="[&#x21;-&#126;]+"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Quoted"><xs:restriction base="xs:string"><xs:enumeration value="&quot;a&amp;b&quot;&#10;"/><xs:enumeration value="&#x1F600;&lt;&gt;&apos;"/></xs:restriction></xs:simpleType>
  <xs:element name="e" type="Printable"/>
</xs:schema>`;
  const dir = fixture({ 'root.xsd': schema });

  it('decodes them in facet values (given the attribute, want the value)', () => {
    const set = loadClean(dir);
    expect(simple(set, 'Printable').facets.pattern).toEqual(['[!-~]+']);
    expect(simple(set, 'Quoted').facets.enumeration?.map((e) => e.value)).toEqual(['"a&b"\n', "\u{1F600}<>'"]);
  });

  it('gives a pattern that decides values as libxml2 does', () => {
    const re = new RegExp(`^(?:${xsdPatternToJs(simple(loadClean(dir), 'Printable').facets.pattern![0])})$`, 'u');
    for (const value of ['abc', '!~', 'a b', 'é', '']) {
      expect([value, re.test(value)]).toEqual([value, libxml2Valid(join(dir, 'root.xsd'), `<e>${value}</e>`)]);
    }
  });

  it('reports a character reference to a character XML does not allow, with its line', () => {
    const r = parseXsd(`<a>\n<b v="&#0;"/></a>`, 'f.xsd');
    expect(r.ok ? 'parsed' : r.problem.line).toBe(2);
  });
});

describe('a DOCTYPE in an XSD', () => {
  const doctype = `<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE xs:schema PUBLIC "-//W3C//DTD XMLSCHEMA 200102//EN" "http://127.0.0.1:9/never-fetched.dtd" [
  <!ATTLIST xs:schema xmlns:t CDATA #FIXED "urn:t">
  <!-- a comment with a > and a quote ' inside the subset -->
  <!ENTITY ns 'urn:t'>
  <!ENTITY % p ''>
  <!ENTITY % s ''>
  <!ENTITY twice "&ns;&#x20;&ns;">
  <!ENTITY remote SYSTEM "http://127.0.0.1:9/remote.txt">
]>
<xs:schema ${XS} xmlns:t="&ns;" targetNamespace="&ns;" elementFormDefault="qualified">
  <xs:simpleType name="Two"><xs:restriction base="xs:string"><xs:enumeration value="&twice;"/></xs:restriction></xs:simpleType>
  <xs:element name="root" type="t:Two"/>
</xs:schema>`;

  it('reads the schema, expanding internal entities and keeping line numbers', () => {
    const dir = fixture({ 'root.xsd': doctype });
    const set = loadClean(dir);
    const el = set.elements.get('{urn:t}root');
    expect(el?.loc).toEqual({ file: 'root.xsd', line: 13 });
    expect(simple(set, '{urn:t}Two').facets.enumeration?.map((e) => e.value)).toEqual(['urn:t urn:t']);
    // libxml2 reads the same file the same way.
    expect(libxml2Valid(join(dir, 'root.xsd'), '<root xmlns="urn:t">urn:t urn:t</root>')).toBe(true);
    expect(libxml2Valid(join(dir, 'root.xsd'), '<root>urn:t urn:t</root>')).toBe(false);
  });

  it('never loads an external entity: a reference to one is an error at its line', () => {
    const dir = fixture({ 'root.xsd': doctype.replace('value="&twice;"', 'value="&remote;"') });
    expect(brief(load(dir).diagnostics)).toEqual([
      'root.xsd:12: malformed XML: entity "remote" is external; external entities are never loaded',
    ]);
  });

  it('stops nested entity expansion ("billion laughs") at a bound, with an error', () => {
    const levels = ['<!ENTITY l0 "lollollollollollollollollollol">'];
    for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`);
    const text = `<!DOCTYPE xs:schema [\n${levels.join('\n')}\n]>\n<xs:schema ${XS}>\n<xs:element name="e" fixed="&l9;"/>\n</xs:schema>`;
    const r = parseXsd(text, 'bomb.xsd');
    expect(r.ok ? 'parsed' : [r.problem.line, r.problem.message]).toEqual([14, `entity expansion exceeds ${MAX_EXPANSION} characters`]);
    // Many references to one big entity are bounded too.
    const wide = `<!DOCTYPE a [<!ENTITY big "${'x'.repeat(60000)}">]>\n<a>${'&big;'.repeat(40)}</a>`;
    const w = parseXsd(wide, 'wide.xsd');
    expect(w.ok ? 'parsed' : w.problem.message).toBe(`entity expansion exceeds ${MAX_EXPANSION} characters`);
  });

  it('refuses an undeclared entity, naming the line', () => {
    const r = parseXsd(`<!DOCTYPE a [ <!ENTITY x "y"> ]>\n<a>\n&z;</a>`, 'f.xsd');
    expect(r.ok ? 'parsed' : [r.problem.line, r.problem.message]).toEqual([3, 'undefined entity.']);
  });
});

describe('declared encodings', () => {
  const latin1 = (s: string) => Buffer.from(s, 'latin1');
  const body = (enc: string, values: string[]) =>
    `<?xml version="1.0" encoding="${enc}"?>\n<xs:schema ${XS}>\n<xs:simpleType name="E"><xs:restriction base="xs:string">${values.map((v) => `<xs:enumeration value="${v}"/>`).join('')}</xs:restriction></xs:simpleType>\n<xs:element name="e" type="E"/>\n</xs:schema>`;

  it.each([
    ['ISO-8859-1', latin1(body('ISO-8859-1', ['café', 'Zürich', '\u0080'])), ['café', 'Zürich', '\u0080']],
    ['latin1 (label)', latin1(body('latin1', ['naïve'])), ['naïve']],
    ['windows-1252', latin1(body('windows-1252', ['ÿ'])), ['ÿ']],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body('UTF-8', ['café']))]), ['café']],
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body('UTF-16', ['日本']), 'utf16le')]), ['日本']],
    ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(body('UTF-16', ['日本']), 'utf16le').swap16()]), ['日本']],
    ['no declaration (UTF-8)', Buffer.from(body('UTF-8', ['café']).replace(/^<\?xml[^>]*>/, '')), ['café']],
    ['ISO-8859-15', Buffer.from(latin1(body('ISO-8859-15', ['x'])).toString('latin1').replace('"x"', '"\u00a4"'), 'latin1'), ['€']],
  ])('%s: the enumeration is read as written, as libxml2 reads it', (_label, bytes, want) => {
    const dir = fixture({ 'root.xsd': bytes });
    const set = loadClean(dir);
    expect(simple(set, 'E').facets.enumeration?.map((e) => e.value)).toEqual(want);
    for (const v of want) expect(libxml2Valid(join(dir, 'root.xsd'), `<e>${v}</e>`)).toBe(true);
    // The same value read as if the file were UTF-8 bytes taken one by one (mojibake) is refused.
    expect(libxml2Valid(join(dir, 'root.xsd'), `<e>${Buffer.from(want[0], 'utf8').toString('latin1')}</e>`)).toBe(false);
  });

  it.each([
    ['an unknown encoding', latin1(body('x-klingon', ['a'])), 'root.xsd:1: cannot decode: unsupported encoding "x-klingon" (declared in the XML declaration)'],
    ['bytes that are not UTF-8', Buffer.concat([Buffer.from(body('UTF-8', ['a']).split('\n').slice(0, 2).join('\n') + '\n'), Buffer.from([0xff, 0x41, 0x0a])]), 'root.xsd:3: cannot decode: bytes that are not valid UTF-8'],
    ['a byte above 0x7F in ASCII', latin1(body('US-ASCII', ['é'])), 'root.xsd:3: cannot decode: byte 0xE9 is not US-ASCII (declared encoding)'],
    ['UTF-16 declared in single bytes', latin1(body('UTF-16', ['a'])), 'root.xsd:1: cannot decode: declared encoding "UTF-16" but the file has no byte-order mark and is not two-byte'],
  ])('%s is an error naming file and line', (_label, bytes, want) => {
    const dir = fixture({ 'root.xsd': bytes });
    expect(brief(load(dir).diagnostics)).toEqual([want]);
  });

  it('decodes windows-1252 bytes 0x80-0x9F as the Encoding Standard says, or refuses them where Node gets them wrong', () => {
    const nodeRight = new TextDecoder('windows-1252').decode(new Uint8Array([0x80])) === '€';
    const r = decodeXml(latin1(`<?xml version="1.0" encoding="windows-1252"?>\n<a>\u0080</a>`));
    if (nodeRight) expect(r.ok && r.text.endsWith('<a>€</a>')).toBe(true);
    else expect(r.ok ? 'decoded' : [r.line, r.message]).toEqual([2, expect.stringMatching(/^byte 0x80 of windows-1252: this Node\.js .* decodes windows-1252 bytes 0x80-0x9F wrongly/)]);
  });

  it('decodes UTF-16 without a byte-order mark (recognised by "<?")', () => {
    const r = decodeXml(Buffer.from('<?xml version="1.0" encoding="UTF-16"?><a/>', 'utf16le'));
    expect(r.ok && r.text).toBe('<?xml version="1.0" encoding="UTF-16"?><a/>');
  });
});

describe('a catalog for URLs and location-less imports', () => {
  const other = `<xs:schema ${XS} targetNamespace="urn:o"><xs:simpleType name="Code"><xs:restriction base="xs:token"/></xs:simpleType></xs:schema>`;
  const rootSchema = (importAttrs: string) =>
    `<xs:schema ${XS} xmlns:o="urn:o" targetNamespace="urn:r">\n  <xs:import namespace="urn:o" ${importAttrs}/>\n  <xs:element name="e" type="o:Code"/>\n</xs:schema>`;

  it('maps a URL schemaLocation to a local file (tab-separated catalog)', () => {
    const dir = fixture({
      'root.xsd': rootSchema('schemaLocation="https://example.org/schemas/o.xsd"'),
      'local/o.xsd': other,
      'catalog.tsv': '# URL or namespace, then the local file\nhttps://example.org/schemas/o.xsd\tlocal/o.xsd\n',
    });
    const { catalog, diagnostics } = readCatalog(join(dir, 'catalog.tsv'));
    expect(diagnostics).toEqual([]);
    const set = loadClean(dir, 'root.xsd', catalog);
    expect(set.files).toEqual(['root.xsd', 'local/o.xsd']);
    expect(set.elements.get('{urn:r}e')?.type.name).toEqual({ ns: 'urn:o', local: 'Code' });
  });

  it('maps a namespace imported without schemaLocation', () => {
    const dir = fixture({ 'root.xsd': rootSchema(''), 'o.xsd': other, 'catalog.tsv': 'urn:o\to.xsd\n' });
    const set = loadClean(dir, 'root.xsd', readCatalog(join(dir, 'catalog.tsv')).catalog);
    expect(set.files).toEqual(['root.xsd', 'o.xsd']);
  });

  it('reads the OASIS XML Catalog subset: uri, system, rewriteURI, group, xml:base, nextCatalog', () => {
    const dir = fixture({
      'root.xsd': `<xs:schema ${XS} targetNamespace="urn:r">
  <xs:import namespace="urn:a"/>
  <xs:import namespace="urn:b" schemaLocation="http://b.example/b.xsd"/>
  <xs:import namespace="urn:c" schemaLocation="http://mirror.example/std/c/c.xsd"/>
  <xs:import namespace="urn:d" schemaLocation="http://d.example/d.xsd"/>
</xs:schema>`,
      'a.xsd': `<xs:schema ${XS} targetNamespace="urn:a"/>`,
      'sub/b.xsd': `<xs:schema ${XS} targetNamespace="urn:b"/>`,
      'mirror/c/c.xsd': `<xs:schema ${XS} targetNamespace="urn:c"/>`,
      'more/d.xsd': `<xs:schema ${XS} targetNamespace="urn:d"/>`,
      'catalog.xml': `<?xml version="1.0"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <uri name="urn:a" uri="a.xsd"/>
  <group xml:base="sub/">
    <system systemId="http://b.example/b.xsd" uri="b.xsd"/>
  </group>
  <rewriteURI uriStartString="http://mirror.example/std/" rewritePrefix="mirror/"/>
  <nextCatalog catalog="more/catalog.tsv"/>
</catalog>`,
      'more/catalog.tsv': 'http://d.example/d.xsd\td.xsd\n',
    });
    const { catalog, diagnostics } = readCatalog(join(dir, 'catalog.xml'));
    expect(diagnostics).toEqual([]);
    expect(loadClean(dir, 'root.xsd', catalog).files).toEqual(['root.xsd', 'a.xsd', 'sub/b.xsd', 'mirror/c/c.xsd', 'more/d.xsd']);
  });

  it('names, at file:line, a URL with no mapping, and never fetches it', () => {
    const dir = fixture({ 'root.xsd': rootSchema('schemaLocation="http://127.0.0.1:9/o.xsd"'), 'catalog.tsv': 'urn:x\tx.xsd\n' });
    expect(brief(load(dir).diagnostics)[0]).toBe(
      'root.xsd:2: import of "http://127.0.0.1:9/o.xsd": no catalog entry maps this URL to a local file (schemas are never fetched; give a catalog)',
    );
    expect(brief(load(dir, 'root.xsd', readCatalog(join(dir, 'catalog.tsv')).catalog).diagnostics)[0]).toMatch(/^root\.xsd:2: .*add an entry to the catalog\)$/);
  });

  it('names the location-less import when a reference into its namespace fails', () => {
    const dir = fixture({ 'root.xsd': rootSchema('') });
    expect(brief(load(dir).diagnostics)).toEqual([
      'root.xsd:3: reference to undefined type "{urn:o}Code" (its namespace is imported at root.xsd:2 without a schemaLocation, and no catalog entry maps it)',
    ]);
  });

  it('reports a catalog entry whose file is missing, at the import', () => {
    const dir = fixture({ 'root.xsd': rootSchema('schemaLocation="http://x.example/o.xsd"'), 'catalog.tsv': 'http://x.example/o.xsd\tgone/o.xsd\n' });
    expect(brief(load(dir, 'root.xsd', readCatalog(join(dir, 'catalog.tsv')).catalog).diagnostics)[0]).toBe(
      'root.xsd:2: import of "http://x.example/o.xsd": file gone/o.xsd (from the catalog) not found',
    );
  });

  it('reports bad catalog lines and entries with the catalog line', () => {
    const dir = fixture({
      'bad.tsv': 'ok\tfine.xsd\nonly-one-column\n\nhttp://a\thttp://b/remote.xsd\n',
      'bad.xml': `<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">\n<public publicId="-//X//EN" uri="x.dtd"/>\n<uri name="n"/>\n</catalog>`,
    });
    expect(readCatalog(join(dir, 'bad.tsv')).diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual([
      '2: catalog line is not "URL-or-namespace<TAB>local path": "only-one-column"',
      '4: catalog maps to "http://b/remote.xsd", which is not a local file (schemas are never fetched)',
    ]);
    expect(readCatalog(join(dir, 'bad.xml')).diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual([
      '2: catalog entry <public> is not supported (supported: uri, system, rewriteURI, rewriteSystem, group, nextCatalog)',
      '3: catalog entry <uri> needs the attributes name, uri',
    ]);
    expect(readCatalog(join(dir, 'none.tsv')).diagnostics[0].message).toMatch(/none\.tsv not found$/);
  });
});

describe('read errors name what is wrong', () => {
  it('a folder where a schema file is expected', () => {
    const dir = fixture({ 'root.xsd': `<xs:schema ${XS}>\n<xs:include schemaLocation="sub"/>\n</xs:schema>`, 'sub/x.xsd': `<xs:schema ${XS}/>` });
    expect(brief(load(dir).diagnostics)).toEqual(['root.xsd:2: include of "sub": file sub is a folder']);
  });
});
