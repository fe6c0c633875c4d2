/**
 * Parser: XML text → value, validating against the descriptors while streaming (saxes events, one
 * frame per open element, each with a content-model matcher state).
 *
 * ## Modes
 *
 * `strict` (the default) refuses what a validating parser (libxml2) would refuse against the same
 * schema: elements out of order, missing or too many, two branches of a choice, unknown elements
 * and attributes, text in element-only content (whitespace-only text is fine, a CDATA section
 * never: libxml2 takes even an empty one for character content), enumeration and
 * other facet violations, values outside their type's lexical space, missing required
 * attributes. Every violation is collected (with its property path and line:column) and thrown at
 * the end in one `SchemaViolationError`.
 *
 * `lenient` is for talking to a newer Plesk than the schema describes:
 * - an element whose name appears nowhere in the enclosing type's content model is kept as an
 *   `XmlFragment` in the `$unknown` array of the innermost object being built, and reported as a
 *   warning (with its path) instead of an error;
 * - an unknown attribute is dropped with a warning;
 * - enumeration and other facet violations (pattern, lengths, bounds, digits) become warnings and
 *   the value is kept as converted (an unknown enum value stays a string);
 * - everything else is still an error: order, occurrences, missing required content, choices,
 *   text in element-only content, values not in their type's lexical space (an integer that is
 *   not an integer, or beyond ±(2^53−1)), and every well-formedness problem.
 * Warnings go to `options.onWarning` and are returned by `parseWithWarnings`.
 *
 * ## Refused input (always `XmlSyntaxError`)
 * Any DOCTYPE (so no entity expansion, internal or external, can happen), malformed XML (read by
 * XML 1.0 rules whatever the declared version, as libxml2 reads it), namespace declarations that
 * Namespaces in XML 1.0 forbids, undefined entities, character references to characters XML 1.0
 * does not allow, more than one root, bytes that are not UTF-8 (for `Uint8Array` input; a BOM is
 * fine), a declared encoding other than UTF-8 (US-ASCII, ISO-8859-n and windows-125n only for
 * ASCII bytes; a string is read as the UTF-8 it is sent as, so ISO-8859-n and windows-125n are
 * fine for it, UTF-16 or an unknown name not), and input larger than
 * `maxBytes` (default `DEFAULT_MAX_BYTES` = 64 MiB, counted in UTF-8 bytes). The whole document
 * is held in memory while parsing; the limit bounds that.
 *
 * ## One reader
 * Every element is matched through its enclosing type's automaton (`match.ts`): transitions are
 * learned from the content-model matcher the first time a name is met in a state, and from then
 * on an element costs one lookup. No property path, line or column is built on the way: a frame
 * keeps only the parser's position at its start tag and, for its children, the current item of
 * each repeating group and its index, from which a path is built when a message needs one. When
 * an element has no transition (a violation, or an unknown element in lenient mode), the frame's
 * automaton state is turned back into the matcher states it stands for, and the matcher finishes
 * the element, describing every violation (skipping over missing content, reporting each) exactly
 * as it would have from the start. An element ending in a state that may not end it is described
 * the same way.
 *
 * ## Binding notes
 * - Attribute defaults are not filled in; an absent optional attribute stays absent.
 * - An element's default applies when the element is present and empty.
 * - `mixed` content is read as `$content`, its text and child elements in document order
 *   (`['Dear ', { name: 'Ann' }, '!']`; see README): the element properties are built as for
 *   element-only content (the automaton and the matcher need them), each child element is noted
 *   where it lands (`MixRef`), and when the element closes the notes and the text become
 *   `$content` and the element properties go. Whitespace-only text between elements, with no
 *   other text, is layout and left out. Only frames of mixed types pay for this.
 * - `xs:anyType` (`any` shape) keeps its attributes (an `AnyElement`) and its content as XML; the
 *   content is processed laxly, as libxml2 does: an element matching a global declaration (the
 *   root element, and `RootDesc.globals` where untyped.ts is installed) is validated against it,
 *   at any depth; other elements are not checked. The value is made by `untyped.ts` (installed
 *   with `untypedContent` by the descriptors of such elements), so bundles without untyped
 *   content leave it out.
 * - `xsi:nil` must be a boolean and is allowed only on nillable elements (even `"false"`); a nil
 *   element must be empty, whitespace included. Empty content (a flag type, or a type with
 *   attributes only) allows no text at all, whitespace included (libxml2 agrees).
 *   `xsi:schemaLocation` and `xsi:noNamespaceSchemaLocation` are understood (on the root, kept
 *   in its value as `$schemaLocation`/`$noNamespaceSchemaLocation` where `locations.ts` is
 *   installed: the general core's codecs); `xsi:type` is
 *   read by `xsitype.ts` (where the declared type is abstract, it selects the derived type and
 *   the value's `$type`); elsewhere it may only name the declared type itself.
 * - Wildcards (`xs:any`) keep the matched element as an `XmlFragment`, whatever `processContents` says;
 *   a lax or strict wildcard's element is then checked as untyped content is (untyped.ts, through
 *   `readerExtensions.lax`).
 * - Every captured `XmlFragment` carries the namespace declarations of its ancestors that it uses
 *   (`nsfrag.ts`), so it means the same wherever it is written.
 * - Identity constraints (`xs:key`, `xs:keyref`, `xs:unique`) are checked by `identity.ts` on a
 *   document accepted here, only where the descriptors declare one.
 */
import type { SaxesParser, SaxesTagPlain, XMLDecl } from 'saxes';
import { notInstalled, type ComplexDesc, type RootDesc, type XmlFragment } from './descriptors.js';
import { SchemaViolationError, XmlSyntaxError, type Violation } from './errors.js';
import { XML_NS, XSI, withNsContext } from './nsfrag.js';
import type { XsiChoice } from './xsitype.js';
import {
  GState,
  K_ANY,
  K_ARRAY,
  K_FLAG,
  K_OBJECT,
  K_SIMPLE,
  K_SIMPLE_CONTENT,
  Matcher,
  R_ARRAY,
  automatonOf,
  curSatisfied,
  isFinal,
  isWs,
  kindOf,
  matcherState,
  transition,
  type AutoState,
  type PathSource,
  type TypeAutomaton,
} from './match.js';
import { E, G, W, elemType, namespaceAdmits, rootNode, type APlan, type CPlan, type ENode, type GNode, type PNode } from './plan.js';
import { fixedValue, parseSimple, show, type Problem, type SPlan } from './simple.js';
import { leanParser, NO_ATTRIBUTES, type Layout } from './starttags.js';

/** Default size limit of a document: 64 MiB of UTF-8. */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export interface ParseWarning {
  readonly path: string;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  /** The element kept in `$unknown`, for unknown elements. */
  readonly fragment?: XmlFragment;
}

export interface ParseOptions {
  readonly mode?: 'strict' | 'lenient';
  /** Size limit in bytes (UTF-8); larger input is refused with `XmlSyntaxError`. */
  readonly maxBytes?: number;
  /** Called for each warning (lenient mode). */
  readonly onWarning?: (w: ParseWarning) => void;
}

export interface ParseResult {
  readonly value: unknown;
  readonly warnings: readonly ParseWarning[];
}

/** A name resolved in a namespace scope: the `{uri}local` key the plans use, and the URI. */
interface QName {
  readonly key: string;
  readonly ns: string;
}

// Frame kinds: the document, an element of each kind (`K_*` in match.ts), and lax content.
const F_DOC = 0;
const F_OBJ = K_OBJECT;
const F_ARR = K_ARRAY;
const F_SIMPLE = K_SIMPLE;
const F_SCONT = K_SIMPLE_CONTENT;
const F_FLAG = K_FLAG;
const F_ANY = K_ANY;
/**
 * An element inside untyped content (`xs:anyType`) that no global declaration matches: nothing
 * is checked in it, but its children are looked at in turn (lax processing, as libxml2 does).
 */
const F_LAX = 7;


/**
 * Where a start tag is, computed only when a message needs it: the parser's position, line and
 * column at the end of the tag are kept, and the start is found from there. (Listening to saxes'
 * `opentagstart` event for the start position slows parsing down several times.)
 */
class Loc {
  readonly src: string;
  tpos = 0;
  tline = 0;
  tcol = 0;
  private l = 0;
  private c = 0;

  constructor(src: string) {
    this.src = src;
  }

  set(pos: number, line: number, col: number): void {
    this.tpos = pos;
    this.tline = line;
    this.tcol = col;
    this.l = 0;
  }


  get line(): number {
    if (this.l === 0) this.compute();
    return this.l;
  }

  get col(): number {
    if (this.l === 0) this.compute();
    return this.c;
  }

  private compute(): void {
    const src = this.src;
    const start = src.lastIndexOf('<', this.tpos - 1);
    let nl = 0;
    for (let k = start; k < this.tpos; k++) if (src.charCodeAt(k) === 10) nl++;
    if (nl === 0) {
      this.l = this.tline;
      this.c = this.tcol - (this.tpos - start) + 1;
    } else {
      this.l = this.tline - nl;
      this.c = start - src.lastIndexOf('\n', start - 1);
    }
  }
}

class Frame extends Loc {
  kind = F_DOC;
  cp: CPlan | null = null;
  sp: SPlan | null = null;
  e: ENode | null = null;
  /** Object the value is assigned to (property `e.property`), or the array it is pushed to. */
  tgt: Record<string, unknown> | null = null;
  arr: unknown[] | null = null;
  /**
   * Where the element sits, for its path: the matcher state that matched it (when the parent
   * was being described by the matcher), or the parent frame and the slot whose current item
   * holds the element (-1: the parent's value). Both null for the root element.
   */
  ps: PathSource | null = null;
  parent: Frame | null = null;
  owner = -1;
  /** Index in the property's array (elements with max > 1), else -1. */
  eidx = -1;
  value: unknown = undefined;
  /** The type's automaton, and the state reached (null once the matcher has taken over, and without content model). */
  auto: TypeAutomaton | null = null;
  ds: AutoState | null = null;
  /** Current item of each repeating slot, and its index in its array. */
  readonly items: Record<string, unknown>[] = [];
  readonly indexes: number[] = [];
  /** The matcher's state once it has taken over the element's content (after a violation). */
  st: GState | null = null;
  text = '';
  nil = false;
  /** Element-only content (not nil, not mixed): whitespace-only text is dropped with no other look. */
  wsOnly = false;
  hasChild = false;
  textReported = false;
  /** Mixed content: its text and where its child elements landed so far, and the text since the last one. */
  mix: (string | MixRef)[] | null = null;
  mixedText = '';
  innerStart = 0;
  nsm: Record<string, string> | null = null;
  /** Names resolved under `nsm` (shared by every element of the same scope; see `Reader.qname`). */
  nc: Map<string, QName> | null = null;
  /** Attributes of an untyped element (`F_ANY`), kept as written; null when it has none. */
  anyAttrs: Record<string, string> | null = null;
  /** The path of an `F_LAX` frame (it has no element declaration to name it). */
  laxPath = '';

  get path(): string {
    if (this.kind === F_LAX) return this.laxPath;
    const e = this.e;
    if (e === null) return '';
    const b = this.ps !== null ? `${this.ps.path}.${e.property}` : this.parent !== null ? `${this.parent.slotPath(this.owner)}.${e.property}` : e.property;
    return this.eidx < 0 ? b : `${b}[${this.eidx}]`;
  }

  /** The path of the current item of slot `s` (-1: of the element itself). */
  slotPath(s: number): string {
    if (s < 0) return this.path;
    const a = this.auto!;
    if (a.slotRepeat[s] === R_ARRAY) return `${this.path}[${this.indexes[s]}]`;
    return `${this.slotPath(a.slotParentOwner[s])}.${a.slotProperty[s]}[${this.indexes[s]}]`;
  }
}

/**
 * Where a child element of mixed content landed: `host[prop]`, or item `idx` of the array
 * `host[prop]` (a repeating element or wildcard); read back when the mixed element closes.
 */
export interface MixRef {
  readonly host: Record<string, unknown>;
  readonly prop: string;
  readonly idx: number;
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function decode(xml: string | Uint8Array, maxBytes: number): string {
  if (typeof xml === 'string') {
    if (xml.length > maxBytes || (xml.length * 3 > maxBytes && utf8Length(xml) > maxBytes)) {
      throw new XmlSyntaxError(`document larger than the limit of ${maxBytes} bytes`);
    }
    return xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  }
  if (xml.byteLength > maxBytes) throw new XmlSyntaxError(`document of ${xml.byteLength} bytes is larger than the limit of ${maxBytes} bytes`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(xml);
  } catch {
    throw new XmlSyntaxError('document is not valid UTF-8');
  }
}

/** Parses and validates a document; returns the value of its root element. */
export function parse(root: RootDesc, xml: string | Uint8Array, options: ParseOptions = {}): unknown {
  return parseWithWarnings(root, xml, options).value;
}

/**
 * Namespaces in XML 1.0 (libxml2 refuses a document breaking it as not well-formed): no prefix
 * declared empty (1.0 has no undeclaring), no `xmlns:xmlns`, and `xml` bound to its own namespace
 * only, which no other prefix may take.
 */
function checkNsDeclaration(an: string, v: string, p: { line: number; column: number }): void {
  if (an === 'xmlns:xmlns' || (an === 'xmlns:xml') !== (v === XML_NS) || (v === '' && an !== 'xmlns')) {
    throw new XmlSyntaxError(`namespace declaration ${an}="${v}" not allowed`, p.line, p.column);
  }
}

/**
 * The declared encoding: a string is read as the UTF-8 it is sent as, as libxml2 (and so Plesk)
 * reads it: under US-ASCII it must be ASCII, under an 8-bit encoding that ASCII is part of
 * (ISO-8859-n, windows-125n) it reads, under any other (UTF-16, an unknown name) it is refused.
 * Bytes are decoded as UTF-8 only, so for them any encoding but UTF-8 holds only for ASCII bytes.
 */
function checkEncoding(enc: string | undefined, fromBytes: boolean, src: string, p: { line: number; column: number }): void {
  if (enc !== undefined && !/^utf-?8$/i.test(enc)) {
    const known = RE_ASCII_ENC.exec(enc);
    if (known === null || ((known[2] !== undefined || fromBytes) && /[^\0-\x7f]/.test(src))) {
      throw new XmlSyntaxError(known === null ? `encoding ${enc} is not supported (UTF-8)` : `bytes not ASCII under encoding ${enc}`, p.line, p.column);
    }
  }
}

/** Like `parse`, also returning the warnings (lenient mode). */
export function parseWithWarnings(root: RootDesc, xml: string | Uint8Array, options: ParseOptions = {}): ParseResult {
  // Lenient mode keeps unknown elements as fragments, with their namespace context.
  readerExtensions.fragment = withNsContext;
  lenientMode = LENIENT;
  readerExtensions.nsDeclaration = checkNsDeclaration;
  readerExtensions.encoding = checkEncoding;
  return read(root, xml, options);
}

/**
 * What lenient mode does with what the schema does not know, installed by `parse` and
 * `parseWithWarnings` (the only ways to ask for it), so that `parseStrict` leaves it out.
 */
interface Lenient {
  /** An unknown element, kept in `$unknown` of the innermost object being built (`tgt`, or the last item of `f`'s array). */
  element(r: Reader, f: Frame, name: string, tgt: Record<string, unknown> | null, path: string, line: number, column: number): void;
  /** An unknown attribute, dropped with a warning. */
  attribute(r: Reader, f: Frame, name: string): void;
}
let lenientMode: Lenient | null = null;
const LENIENT: Lenient = {
  element(r, f, name, tgt, path, line, column) {
    if (tgt === null && f.kind === F_ARR) {
      const arr = f.value as unknown[];
      if (arr.length > 0) tgt = arr[arr.length - 1] as Record<string, unknown>;
    }
    const message = `unknown element <${name}> in <${f.e!.xmlName}> (type ${f.cp!.name}) kept in $unknown`;
    r.startCapture(tgt ?? [], '$unknown', true, { path: `${path}.$unknown`, message, line, column });
  },
  attribute(r, f, name) {
    r.warn({ path: `${f.path}.@${name}`, message: `unknown attribute ${name} (dropped)`, line: f.line, column: f.col });
  },
};

/**
 * `parse` in strict mode with the default size limit: what the client reads responses with. It
 * reaches nothing that only lenient mode needs (the namespace context of `$unknown` fragments,
 * `nsfrag.ts`), so a client's bundle leaves that out; the descriptors of wildcards and untyped
 * content, which capture fragments in any mode, install it (`untypedContent`).
 */
export function parseStrict(root: RootDesc, xml: string | Uint8Array): unknown {
  return read(root, xml, {}).value;
}

function read(root: RootDesc, xml: string | Uint8Array, options: ParseOptions): ParseResult {
  const fromBytes = typeof xml !== 'string';
  const text = decode(xml, options.maxBytes ?? DEFAULT_MAX_BYTES);
  const r = new Reader(root, text, options.mode === 'lenient', fromBytes, options.onWarning);
  r.run();
  if (r.violations.length > 0) throw new SchemaViolationError(r.violations);
  return identityChecked(root, text, { value: r.holder[r.rootE.property], warnings: r.warnings });
}

/**
 * What some schemas need of reading, installed by their trees' descriptors so that it is in no
 * other bundle: the `xsi:type` reader (`xsitype.ts`, where abstract types are declared), the
 * identity-constraint checker (`identity.ts`), the mixed-content value (`mixed.ts`), the keeper
 * of `xs:anyAttribute`'s attributes (`anyattr.ts`: adds attribute `name` = `value`, in namespace
 * `ns`, to `$attrs` of `obj`), and what the general core's trees check beyond a Plesk tree's
 * needs (`general.ts`: xs:ID attributes unique, `xsi:type` kept on untyped elements).
 */
export const readerExtensions: {
  xsiType: ((declared: ComplexDesc, attrs: Readonly<Record<string, string>> | null, nsm: Readonly<Record<string, string>> | null, block: string | undefined) => XsiChoice) | null;
  identity: ((root: RootDesc, text: string) => Violation[]) | null;
  mixed: ((value: Record<string, unknown>, notes: readonly (string | MixRef)[], tail: string, cp: CPlan) => Record<string, unknown>) | null;
  locations: boolean;
  anyAttribute: ((obj: Record<string, unknown>, name: string, value: string, ns: string) => void) | null;
  /** An attribute value read (general.ts: xs:ID values unique). */
  id?: (r: IdReader, f: AttrFrame, a: APlan, v: unknown) => void;
  /** An untyped element's xsi:type (general.ts: kept); true when taken care of. */
  anyXsi?: (f: AttrFrame, name: string, value: string) => boolean;
  /**
   * A namespace declaration's check (`checkNsDeclaration`): installed by `parse` and
   * `parseWithWarnings`; a client's `parseStrict`, which reads Plesk's responses (UTF-8, no
   * namespaces), leaves it out of the client's bundle.
   */
  nsDeclaration?: (an: string, v: string, p: { line: number; column: number }) => void;
  /** The declared encoding's check (`checkEncoding`): installed as `nsDeclaration` is. */
  encoding?: (enc: string | undefined, fromBytes: boolean, src: string, p: { line: number; column: number }) => void;
  /** An untyped element's attribute (namespace `ns`), kept (untyped.ts, installed with the untyped content that has such elements). */
  anyAttr?: (f: AttrFrame, name: string, value: string, ns: string) => void;
  /** The declaration of `root.globals` named `key`, if any (untyped.ts). */
  global?: (root: RootDesc, key: string) => ENode | undefined;
  /**
   * The element a lax or strict wildcard matched, just captured (`xml`, from offset `start` of the
   * document; `at` the path of its property): processed laxly, its violations reported (untyped.ts).
   */
  lax?: (r: LaxReader, xml: string, start: number, at: string) => void;
  /**
   * A captured fragment's text with the namespace declarations it uses from `nsm` (`nsfrag.ts`
   * `withNsContext`): installed by `parse`/`parseWithWarnings` (lenient mode's `$unknown`) and by
   * `untypedContent` (wildcards, untyped elements), so `parseStrict` alone does not carry it.
   */
  fragment?: (xml: string, nsm: Record<string, string> | null) => string;
  /**
   * The value of an untyped (`xs:anyType`) element `f` as it closes, the parser at `position`
   * in `src` (untyped.ts, installed with `untypedContent` like its writer).
   */
  untyped?: (f: UntypedFrame, src: string, position: number) => unknown;
} = { xsiType: null, identity: null, mixed: null, locations: false, anyAttribute: null };

/** What `readerExtensions.lax` sees of the reader. */
export interface LaxReader {
  /** The root whose global declarations lax content is checked against. */
  readonly gRoot: RootDesc;
  readonly src: string;
  readonly capTgt: Record<string, unknown> | unknown[] | null;
  readonly capProp: string;
  readonly capMulti: boolean;
  report(path: string, message: string, line: number, column: number, facet: boolean): void;
}

/** What the general core's hooks (`general.ts`) see of the element whose attributes are read. */
export interface AttrFrame {
  readonly path: string;
  readonly line: number;
  readonly col: number;
  readonly nsm: Record<string, string> | null;
  anyAttrs: Record<string, string> | null;
}

/** What the reader of untyped content (`untyped.ts`) sees of the untyped element that closes. */
export interface UntypedFrame {
  readonly nsm: Record<string, string> | null;
  /** Its attributes as written (namespace declarations included); null when it has none. */
  readonly anyAttrs: Record<string, string> | null;
  readonly hasChild: boolean;
  /** Its text, when it has no child element. */
  readonly text: string;
  /** Where its content starts in the document. */
  readonly innerStart: number;
}

/** What they see of the reader: where violations go. */
export interface IdReader {
  report(path: string, message: string, line: number, column: number, facet: boolean): void;
}

/** Identity constraints of an accepted document, where the schema declares any. */
function identityChecked(root: RootDesc, text: string, result: ParseResult): ParseResult {
  const check = readerExtensions.identity;
  if (check !== null) {
    const violations = check(root, text);
    if (violations.length > 0) throw new SchemaViolationError(violations);
  }
  return result;
}

/** A note of where a wildcard's fragment lands in mixed content (`endCapture` puts it there). */
function mixRef(tgt: Record<string, unknown>, prop: string, multi: boolean): MixRef {
  return { host: tgt, prop, idx: multi ? ((tgt[prop] as unknown[] | undefined)?.length ?? 0) : -1 };
}

/** A document whose root is untyped: how the serializer checks untyped content it writes. */
const UNTYPED: RootDesc = { xmlName: 'untyped-content', type: { name: 'xs:anyType', shape: 'any' } };

/**
 * Violations in content processed laxly — an untyped (`xs:anyType`) element's that the serializer
 * is about to write, or what a lax wildcard matched — found the way parsing finds them: an element
 * matching a global declaration of `root`'s set (a `<packet>`, a Plesk set's `<descriptor>`) must
 * be valid. Paths are relative to the content; lines and columns to `<untyped-content>` + content.
 * The caller has checked that the content is well-formed.
 */
export function untypedContentViolations(root: RootDesc, content: string): Violation[] {
  const r = new Reader(UNTYPED, `<untyped-content>${content}</untyped-content>`, false, false, undefined, root);
  try {
    r.run();
  } catch (e) {
    if (e instanceof XmlSyntaxError) return [{ path: '', message: e.message }];
    throw e;
  }
  return r.violations.map((v) => ({ ...v, path: v.path.replace(/^untyped-content\.?/, '') }));
}

/** US-ASCII (group 1), and 8-bit encodings that ASCII is part of (ASCII text reads the same in them as in UTF-8). */
const RE_ASCII_ENC = /^(?:(us-)?(ascii)|iso-?8859-\d+|latin-?\d|windows-125\d)$/i;
class Reader extends Matcher implements Layout {
  readonly src: string;
  readonly rootE: ENode;
  readonly lenient: boolean;
  readonly fromBytes: boolean;
  readonly onWarning: ((w: ParseWarning) => void) | undefined;
  readonly violations: Violation[] = [];
  readonly warnings: ParseWarning[] = [];
  readonly holder: Record<string, unknown> = {};
  readonly problems: Problem[] = [];
  readonly parser: SaxesParser<{ position: false; xmlns: false }>;
  readonly frames: Frame[] = [];
  depth = 0;
  /** Nesting inside an element being skipped or captured (0: not skipping). */
  skip = 0;
  /** Capture in progress: where the fragment goes when the skipped element closes. */
  capStart = -1;
  capTgt: Record<string, unknown> | unknown[] | null = null;
  capProp = '';
  capMulti = false;
  capWarn: { path: string; message: string; line: number; column: number } | null = null;
  /** The namespace bindings in scope around the element being captured. */
  capNs: Record<string, string> | null = null;
  /** The start tag being handled (for messages about it, or about missing content before it). */
  readonly cur: Loc;
  // Name resolution results
  rKey = '';
  rNs = '';

  /** The root whose global declarations are validated where they appear in untyped content. */
  readonly gRoot: RootDesc;
  /** Its root element, the global declaration every set has. */
  readonly globalE: ENode;
  /** The capture in progress is a lax or strict wildcard's (checked when it ends: `readerExtensions.lax`); set by `startCapture`'s callers. */
  declare capLax: boolean;

  constructor(root: RootDesc, src: string, lenient: boolean, fromBytes: boolean, onWarning: ((w: ParseWarning) => void) | undefined, globalsOf?: RootDesc) {
    super();
    this.src = src;
    this.rootE = rootNode(root);
    this.gRoot = globalsOf ?? root;
    this.globalE = rootNode(this.gRoot);
    this.lenient = lenient;
    this.fromBytes = fromBytes;
    this.onWarning = onWarning;
    this.frames.push(new Frame(src));
    this.cur = new Loc(src);
    // XML 1.0 rules whatever the declaration says (`leanParser`): libxml2 (and so Plesk) reads a
    // version="1.1" document as 1.0 (no NEL or LS line ends, no references to control characters).
    this.parser = leanParser(this);
  }

  /** Whitespace-only text in the element being read means nothing (`starttags.ts` then passes over it). */
  get whitespaceIsLayout(): boolean {
    return this.frames[this.depth].wsOnly;
  }

  run(): void {
    const p = this.parser;
    // Seven handlers, and think twice before adding one: saxes stores each as a property added to
    // the parser object by a keyed store, and a parser given eight or more (an `attribute` or a
    // `comment` handler on top of these) was measured to slow saxes down four to five times for
    // every parser in the process, the benchmark's bare saxes floor included.
    const refuse = (message: string): never => {
      throw new XmlSyntaxError(message, p.line, p.column);
    };
    p.on('error', (e: Error) => refuse(e.message.replace(/\.$/, '')));
    p.on('doctype', () => refuse('DOCTYPE declarations are not allowed'));
    p.on('xmldecl', (d: XMLDecl) => readerExtensions.encoding?.(d.encoding, this.fromBytes, this.src, p));
    p.on('opentag', (t: SaxesTagPlain) => this.open(t));
    p.on('closetag', () => this.close());
    p.on('text', (t: string) => this.text(t));
    p.on('cdata', (t: string) => this.text(t, true));
    p.write(this.src);
    p.close();
  }

  // ---------------------------------------------------------------------------------------------
  // Reporting

  report(path: string, message: string, line: number, column: number, facet: boolean): void {
    if (facet && this.lenient) this.warn({ path, message, line, column });
    else this.violations.push({ path, message, line, column });
  }

  /** A violation at the start tag of `at` (a frame, or the tag being read). */
  violation(at: { line: number; col: number }, path: string, message: string): void {
    this.report(path, message, at.line, at.col, false);
  }

  warn(w: ParseWarning): void {
    this.warnings.push(w);
    this.onWarning?.(w);
  }

  reportProblems(path: string, line: number, column: number): boolean {
    const ps = this.problems;
    let ok = true;
    for (const pr of ps) {
      if (!pr.facet) ok = false;
      this.report(path, pr.msg, line, column, pr.facet);
    }
    ps.length = 0;
    return ok;
  }

  // ---------------------------------------------------------------------------------------------
  // Events

  open(tag: SaxesTagPlain): void {
    if (this.skip > 0) {
      this.skip++;
      return;
    }
    const parent = this.frames[this.depth];
    const name = tag.name;
    const attrs = tag.attributes;
    let hasAttrs = false;
    // Namespace declarations (usually on the root alone): a new scope for this element, with its
    // own cache of resolved names; elements without declarations share their parent's.
    let nsm = parent.nsm;
    let nc = parent.nc;
    // (A tag without attributes has saxes' shared empty object, `starttags.ts`: not looked into.)
    if (attrs !== NO_ATTRIBUTES) for (const an in attrs) {
      hasAttrs = true;
      if (an.charCodeAt(0) === 120 && (an === 'xmlns' || an.startsWith('xmlns:'))) {
        if (nsm === parent.nsm) {
          nsm = { ...(nsm ?? {}) };
          nc = new Map();
        }
        const v = attrs[an];
        readerExtensions.nsDeclaration?.(an, v, this.parser);
        nsm![an === 'xmlns' ? '' : an.slice(6)] = v;
      }
    }
    let key = name;
    let ns = '';
    if (nc !== null) {
      const q = this.qname(name, nsm!, nc);
      key = q.key;
      ns = q.ns;
    } else if (name.indexOf(':') >= 0) {
      this.resolve(name, nsm, true);
      key = this.rKey;
      ns = this.rNs;
    }
    const p = this.parser;
    const cur = this.cur;
    cur.set(p.position, p.line, p.column);

    let e: ENode;
    let tgt: Record<string, unknown>;
    let ps: PathSource | null = null;
    let owner = -1;
    /** The element's kind, automaton and simple type (-1: from its type, below). */
    let kind = -1;
    let auto: TypeAutomaton | null = null;
    let sp: SPlan | null = null;
    /** In mixed content: the parent's `$content` being built. */
    let mix: (string | MixRef)[] | null = null;
    if (parent.nil) {
      this.violation(cur, parent.path, `a nil element must be empty, found <${name}>`);
      this.startSkip();
      return;
    }
    switch (parent.kind) {
      case F_DOC:
        if (parent.hasChild) return; // saxes reports a second root
        parent.hasChild = true;
        if (key !== this.rootE.key) {
          this.violation(cur, name, `the root element must be <${this.rootE.xmlName}>, found <${name}>`);
          this.startSkip();
          return;
        }
        e = this.rootE;
        tgt = this.holder;
        break;
      case F_OBJ:
      case F_ARR: {
        if (parent.cp!.mixed) {
          // Mixed content: the text before this child element, then the element (below).
          mix = parent.mix ??= [];
          if (parent.mixedText.length > 0) {
            mix.push(parent.mixedText);
            parent.mixedText = '';
          }
        }
        const ds = parent.ds;
        const tr = ds !== null ? transition(parent.auto!, ds, key, ns) : null;
        if (tr !== null) {
          parent.ds = tr.to;
          if (tr.newItems !== null) this.newItems(parent, tr.newItems);
          owner = tr.owner;
          tgt = owner < 0 ? (parent.value as Record<string, unknown>) : parent.items[owner];
          const w = tr.wildcard;
          if (w !== null) {
            if (mix !== null) mix.push(mixRef(tgt, w.property, w.max > 1));
            this.startCapture(tgt, w.property, w.max > 1, null);
            this.capLax = w.desc.processContents !== 'skip';
            return;
          }
          e = tr.element!;
          kind = tr.kind;
          auto = tr.automaton;
          sp = tr.simple;
          break;
        }
        // No transition: the matcher takes over this element's content and describes what is wrong.
        const cp = parent.cp!;
        if (cp.root === null) {
          this.unexpected(parent, name, key);
          return;
        }
        let st = parent.st;
        if (st === null) {
          st = matcherState(parent.auto!, ds!, parent.value, parent.items, parent.indexes, parent);
          parent.st = st;
          parent.ds = null;
        }
        if (!this.accept(st, key, ns, false)) {
          if (!(cp.names.has(key) || cp.hasWild) || !this.accept(st, key, ns, true)) {
            this.unexpected(parent, name, key);
            return;
          }
        }
        const m = this.mNode!;
        if (m.kind === W) {
          if (mix !== null) mix.push(mixRef(this.mTgt!, m.property, m.max > 1));
          this.startCapture(this.mTgt!, m.property, m.max > 1, null);
          this.capLax = m.desc.processContents !== 'skip';
          return;
        }
        e = m;
        tgt = this.mTgt!;
        ps = this.mSt;
        break;
      }
      case F_ANY:
      case F_LAX: {
        parent.hasChild = true;
        const g = key === this.globalE.key ? this.globalE : readerExtensions.global?.(this.gRoot, key);
        if (!g) {
          this.pushLax(parent, name, nsm, nc);
          return;
        }
        // Untyped content is processed laxly: an element matching a global declaration (the
        // document's root element, and `RootDesc.globals`) is validated against it, as libxml2
        // does. Its value is not kept (the untyped element keeps its content as XML).
        e = g;
        tgt = {};
        ps = parent;
        break;
      }
      default:
        this.violation(cur, parent.path, `element <${name}> is not allowed here: <${parent.e!.xmlName}> has ${parent.kind === F_FLAG ? 'empty' : 'text-only'} content`);
        this.startSkip();
        return;
    }

    if (kind < 0) {
      const tp = e.typePlan ?? elemType(e);
      kind = kindOf(tp);
      auto = tp.complex !== null ? automatonOf(tp.complex) : null;
      sp = tp.simple;
    }
    // xsi:type (xsitype.ts): an abstract declared type must be replaced by a derived one.
    let xsiName: string | undefined;
    let xsiProblem: string | undefined;
    const xsiType = readerExtensions.xsiType;
    // (An untyped element keeps its xsi:type as one of its attributes: see `attributes`.)
    if (auto !== null && kind !== F_ANY && xsiType !== null && (auto.plan.desc.xsiTypes !== undefined || (hasAttrs && nsm !== null))) {
      const choice = xsiType(auto.plan.desc, hasAttrs ? attrs : null, nsm, e.desc.block);
      if (typeof choice === 'string') xsiProblem = choice;
      else if (choice !== null) {
        kind = kindOf(choice.type);
        auto = choice.type.complex !== null ? automatonOf(choice.type.complex) : null;
        sp = choice.type.simple;
        xsiName = choice.name;
      }
    }

    const f = this.push();
    f.e = e;
    f.nsm = nsm;
    f.nc = nc;
    f.set(cur.tpos, cur.tline, cur.tcol);
    f.text = '';
    f.nil = false;
    f.ps = ps;
    f.parent = ps === null && parent.kind !== F_DOC ? parent : null;
    f.owner = owner;
    if (e.max > 1) {
      let arr = tgt[e.property] as unknown[] | undefined;
      if (arr === undefined) {
        arr = [];
        tgt[e.property] = arr;
      }
      f.arr = arr;
      f.tgt = null;
      f.eidx = arr.length;
    } else {
      f.arr = null;
      f.tgt = tgt;
      f.eidx = -1;
    }
    if (mix !== null) mix.push({ host: tgt, prop: e.property, idx: f.eidx });
    f.kind = kind;
    f.auto = auto;
    if (kind === F_SIMPLE) {
      f.sp = sp;
      f.cp = null;
      f.wsOnly = false;
      if (hasAttrs) this.attributes(f, null, attrs);
      return;
    }
    const cp = auto!.plan;
    f.cp = cp;
    f.hasChild = false;
    f.textReported = false;
    f.wsOnly = (kind === F_OBJ || kind === F_ARR) && !cp.mixed && cp.root !== null;
    f.mix = null;
    f.mixedText = '';
    f.st = null;
    f.ds = null;
    switch (kind) {
      case F_OBJ:
        f.value = {};
        f.ds = auto!.start;
        break;
      case F_ARR:
        f.value = [];
        f.ds = auto!.start;
        break;
      case F_SCONT:
        f.sp = cp.text;
        f.value = {};
        break;
      case F_FLAG:
        f.value = undefined;
        break;
      default:
        f.value = undefined;
        f.anyAttrs = null;
        f.innerStart = this.parser.position;
    }
    if (xsiName !== undefined && (kind === F_OBJ || kind === F_SCONT)) (f.value as Record<string, unknown>).$type = xsiName;
    if (xsiProblem !== undefined) this.violation(f, f.path, xsiProblem);
    if (hasAttrs || auto!.hasRequired) this.attributes(f, cp, attrs);
  }

  /** Starts new items of the repeating slots `slots` of `f`'s content (in the order the matcher does). */
  newItems(f: Frame, slots: readonly number[]): void {
    const a = f.auto!;
    const items = f.items;
    for (let k = 0; k < slots.length; k++) {
      const s = slots[k];
      const item: Record<string, unknown> = {};
      let arr: unknown[];
      if (a.slotRepeat[s] === R_ARRAY) arr = f.value as unknown[];
      else {
        const po = a.slotParentOwner[s];
        const pt = po < 0 ? (f.value as Record<string, unknown>) : items[po];
        const prop = a.slotProperty[s];
        let pa = pt[prop] as unknown[] | undefined;
        if (pa === undefined) {
          pa = [];
          pt[prop] = pa;
        }
        arr = pa;
      }
      f.indexes[s] = arr.length;
      arr.push(item);
      items[s] = item;
    }
  }

  /**
   * Text, or a CDATA section (`cd`): in element-only content libxml2 (and so Plesk) takes any
   * CDATA section, an empty or whitespace-only one too, for character content.
   */
  text(t: string, cd?: boolean): void {
    const f = this.frames[this.depth];
    // (Whitespace between elements in element-only content seldom comes here: `starttags.ts`
    // passes over it where the frame says so, `whitespaceIsLayout`.)
    if (this.skip > 0) return;
    switch (f.kind) {
      case F_SIMPLE:
      case F_SCONT:
      case F_ANY:
        f.text = f.text.length === 0 ? t : f.text + t;
        return;
      case F_DOC:
      case F_LAX:
        return; // saxes refuses non-whitespace text outside the root; lax content is not checked
      default: {
        if (f.cp !== null && f.cp.mixed) {
          f.mixedText += t;
          return;
        }
        if (f.textReported) return;
        // Empty content (no content model at all) allows no text, not even whitespace (libxml2:
        // "Character content is not allowed, because the content type is empty"); element-only
        // content allows whitespace between elements.
        const empty = f.kind === F_FLAG || f.cp!.root === null;
        if (!empty && !f.nil && !cd && isWs(t)) return;
        f.textReported = true;
        const p = this.parser;
        this.report(
          f.path,
          f.nil ? 'a nil element must be empty' : empty ? `<${f.e!.xmlName}> must be empty, found text ${show(t.trim())}` : `${cd ? 'CDATA' : 'text'} ${show(t.trim())} is not allowed in element-only content (<${f.e!.xmlName}>)`,
          p.line,
          p.column,
          false,
        );
      }
    }
  }

  /** The frame of a new element, one deeper (frames are reused). */
  push(): Frame {
    const d = ++this.depth;
    let f = this.frames[d];
    if (f === undefined) {
      f = new Frame(this.src);
      this.frames[d] = f;
    }
    return f;
  }

  /** Opens an element of untyped content that no declaration matches (see `F_LAX`). */
  pushLax(parent: Frame, name: string, nsm: Record<string, string> | null, nc: Map<string, QName> | null): void {
    const f = this.push();
    f.kind = F_LAX;
    f.wsOnly = false;
    f.laxPath = `${parent.path}.${name}`;
    f.nsm = nsm;
    f.nc = nc;
    f.nil = false;
    f.e = null;
  }

  close(): void {
    if (this.skip > 0) {
      if (--this.skip === 0 && this.capStart >= 0) this.endCapture();
      return;
    }
    const f = this.frames[this.depth--];
    if (f.kind === F_LAX) return;
    const e = f.e!;
    let v: unknown;
    if (f.nil) {
      // Not even whitespace (libxml2 refuses it too).
      if (f.text.length > 0) this.violation(f, f.path, 'a nil element must be empty');
      v = null;
    } else {
      switch (f.kind) {
        case F_SIMPLE:
          v = this.simpleValue(f, f.sp!, false);
          break;
        case F_SCONT:
          v = f.value;
          (v as Record<string, unknown>).value = this.simpleValue(f, f.sp!, true);
          break;
        case F_FLAG:
          if (f.text.length > 0 && !isWs(f.text)) this.violation(f, f.path, 'must be empty');
          v = true;
          break;
        case F_ANY:
          // The value of untyped content (untyped.ts, installed by the descriptors that have it).
          v = (readerExtensions.untyped ?? notInstalled(f.cp!.name, 'untypedContent'))(f, this.src, this.parser.position);
          break;
        default: {
          const ds = f.ds;
          if (ds !== null) {
            // Not a state that may end the element: the matcher describes what is missing.
            if (ds.final !== 1 && !isFinal(ds)) this.finishState(matcherState(f.auto!, ds, f.value, f.items, f.indexes, f), f);
          } else if (f.st !== null) this.finishState(f.st, f);
          v = f.value;
          // Mixed content (mixed.ts, installed by the descriptors of trees with mixed types).
          if (f.kind === F_OBJ && f.cp!.mixed) v = readerExtensions.mixed!(f.value as Record<string, unknown>, f.mix ?? [], f.mixedText, f.cp!);
        }
      }
    }
    if (f.arr !== null) f.arr.push(v);
    else f.tgt![e.property] = v;
    f.value = undefined;
    f.st = null;
    f.ds = null;
  }

  simpleValue(f: Frame, sp: SPlan, isValueProp: boolean): unknown {
    const e = f.e!;
    let t = f.text;
    const fix = e.fixedValue;
    // An empty element takes its default or fixed value (XML Schema 1.0, 3.3.4, cvc-elt 5.1.2).
    if (t.length === 0) t = e.defaultValue ?? fix ?? t;
    const v = parseSimple(sp, t, this.problems);
    if (this.problems.length > 0) this.reportProblems(isValueProp ? `${f.path}.value` : f.path, f.line, f.col);
    if (fix !== undefined && v !== undefined && !fixedValue(sp).is(sp, fix, t, v, true)) {
      this.violation(f, isValueProp ? `${f.path}.value` : f.path, `must be the fixed value ${JSON.stringify(fix)}`);
    }
    return v;
  }

  attributes(f: Frame, cp: CPlan | null, attrs: Record<string, string>): void {
    const obj = (f.kind === F_OBJ || f.kind === F_SCONT ? f.value : null) as Record<string, unknown> | null;
    let seen = 0;
    for (const an in attrs) {
      const av = attrs[an];
      if (an.charCodeAt(0) === 120 && (an === 'xmlns' || an.startsWith('xmlns:'))) {
        // An untyped element keeps its namespace declarations: its content may use them.
        if (f.kind === F_ANY) (f.anyAttrs ??= Object.create(null) as Record<string, string>)[an] = av;
        continue;
      }
      this.resolve(an, f.nsm, false);
      const key = this.rKey;
      if (this.rNs === XSI) {
        const local = an.slice(an.indexOf(':') + 1);
        if (local === 'nil') {
          // xsi:nil is an xs:boolean (whitespace collapsed); any xsi:nil, even "false", is an
          // error on an element that is not nillable (as libxml2 says).
          const b = av.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
          if (b !== 'true' && b !== '1' && b !== 'false' && b !== '0') {
            this.violation(f, f.path, `${an}: ${show(av)} is not a valid boolean (true, false, 1, 0)`);
          } else if (!f.e!.nillable) this.violation(f, f.path, `element <${f.e!.xmlName}> is not nillable (${an}="${av}")`);
          else if (b === 'true' || b === '1') {
            f.nil = true;
            f.wsOnly = false;
          }
        } else if (local === 'type') {
          // An untyped element's: kept among its attributes where the general core says so (general.ts).
          if (f.kind === F_ANY ? !readerExtensions.anyXsi?.(f, an, av) : cp === null || readerExtensions.xsiType === null) {
            // Elements of complex types: decided when the element opened (xsitype.ts, installed by
            // trees whose schemas have abstract types; without it no type may be named).
            this.violation(f, f.path, `xsi:type ${show(av)} is supported only where the declared type is abstract`);
          }
        } else if (local === 'schemaLocation' || local === 'noNamespaceSchemaLocation') {
          // Kept on the root's value where installed (`SchemaLocations`, locations.ts), so that a
          // round trip writes them back.
          if (obj !== null && this.depth === 1 && readerExtensions.locations) obj[`$${local}`] = av;
        } else if (f.kind === F_ANY) {
          // xs:anyType takes any attribute, other xsi:* ones too (libxml2 agrees).
          readerExtensions.anyAttr!(f, an, av, this.rNs);
        } else {
          this.violation(f, f.path, `unknown attribute ${an}`);
        }
        continue;
      }
      if (f.kind === F_ANY) {
        // An untyped element takes any attribute (xs:anyType): kept as written.
        readerExtensions.anyAttr!(f, an, av, this.rNs);
        continue;
      }
      const ap = cp?.attrMap.get(key);
      if (ap === undefined) {
        if (cp !== null && cp.anyAttr && obj !== null && namespaceAdmits(cp.desc.anyAttributeNamespaces, this.rNs)) {
          // Kept in `$attrs` (anyattr.ts, installed by the types that have xs:anyAttribute).
          (readerExtensions.anyAttribute ?? notInstalled(cp.name, 'anyAttributes'))(obj, an, av, this.rNs);
        } else if (this.lenient) {
          lenientMode!.attribute(this, f, an);
        } else {
          this.violation(f, `${f.path}.@${an}`, `unknown attribute ${an} on <${f.e!.xmlName}>`);
        }
        continue;
      }
      seen++;
      const v = parseSimple(ap.simple, av, this.problems);
      if (this.problems.length > 0) this.reportProblems(`${f.path}.${ap.property}`, f.line, f.col);
      readerExtensions.id?.(this, f, ap, v);
      if (ap.desc.fixed !== undefined && v !== undefined && !fixedValue(ap.simple).is(ap.simple, ap.desc.fixed, av, v, false)) {
        this.violation(f, `${f.path}.${ap.property}`, `must be the fixed value ${JSON.stringify(ap.desc.fixed)}`);
      }
      if (obj !== null) obj[ap.property] = v;
    }
    if (cp !== null && seen < cp.attrs.length && obj !== null) {
      for (const ap of cp.attrs) {
        if (ap.required && !(ap.property in obj)) this.violation(f, `${f.path}.${ap.property}`, `missing the required attribute ${ap.xmlName} on <${f.e!.xmlName}>`);
      }
    }
  }

  /**
   * An element name resolved in the scope `nsm`, through the
   * scope's cache `nc`: a namespaced document then builds each `{uri}local` key once per scope
   * instead of once per element, and the automata's maps are probed with one interned string.
   * (The cache holds at most one entry per distinct name in the document: bounded by its size.)
   */
  qname(name: string, nsm: Record<string, string>, nc: Map<string, QName>): QName {
    let q = nc.get(name);
    if (q === undefined) {
      this.resolve(name, nsm, true);
      q = { key: this.rKey, ns: this.rNs };
      nc.set(name, q);
    }
    return q;
  }

  /** Resolves a (possibly prefixed) name to `rKey`/`rNs`. */
  resolve(name: string, nsm: Record<string, string> | null, isElem: boolean): void {
    const colon = name.indexOf(':');
    if (colon < 0) {
      const dflt = isElem && nsm !== null ? nsm[''] : undefined;
      if (dflt === undefined || dflt === '') {
        this.rKey = name;
        this.rNs = '';
      } else {
        this.rKey = `{${dflt}}${name}`;
        this.rNs = dflt;
      }
      return;
    }
    const prefix = name.slice(0, colon);
    const local = name.slice(colon + 1);
    const uri = prefix === 'xml' ? XML_NS : nsm !== null ? nsm[prefix] : undefined;
    if (uri === undefined || uri === '') {
      throw new XmlSyntaxError(`namespace prefix ${prefix} is not declared`, this.parser.line, this.parser.column);
    }
    this.rKey = `{${uri}}${local}`;
    this.rNs = uri;
  }

  // ---------------------------------------------------------------------------------------------
  // Skipping and capturing

  /** A captured fragment's text with its namespace context (see `readerExtensions.fragment`). */
  fragment(xml: string, nsm: Record<string, string> | null): string {
    return (readerExtensions.fragment ?? notInstalled('a captured fragment', 'untypedContent'))(xml, nsm);
  }

  startSkip(): void {
    this.skip = 1;
    this.capStart = -1;
  }

  startCapture(tgt: Record<string, unknown> | unknown[], prop: string, multi: boolean, warn: Reader['capWarn']): void {
    this.skip = 1;
    this.capStart = this.src.lastIndexOf('<', this.parser.position - 1);
    this.capTgt = tgt;
    this.capProp = prop;
    this.capMulti = multi;
    this.capWarn = warn;
    this.capNs = this.frames[this.depth].nsm;
    this.capLax = false;
  }

  endCapture(): void {
    const start = this.capStart;
    const frag: XmlFragment = { xml: this.fragment(this.src.slice(start, this.parser.position), this.capNs) };
    this.capStart = -1;
    const tgt = this.capTgt;
    if (tgt !== null) {
      if (Array.isArray(tgt)) tgt.push(frag);
      else if (this.capMulti) {
        let arr = tgt[this.capProp] as unknown[] | undefined;
        if (arr === undefined) {
          arr = [];
          tgt[this.capProp] = arr;
        }
        arr.push(frag);
      } else tgt[this.capProp] = frag;
    }
    const w = this.capWarn;
    if (w !== null) this.warn({ ...w, fragment: frag });
    if (this.capLax) readerExtensions.lax?.(this, frag.xml, start, `${this.frames[this.depth].path}.${this.capProp}`);
    this.capTgt = null;
    this.capWarn = null;
  }

  /** An element the content model does not accept at this point. */
  unexpected(f: Frame, name: string, key: string): void {
    const line = this.cur.line;
    const col = this.cur.col;
    const cp = f.cp!;
    const known = cp.names.has(key);
    const st = f.st;
    let path = f.path;
    let tgt: Record<string, unknown> | null = f.kind === F_OBJ ? (f.value as Record<string, unknown>) : null;
    for (let s = st; s !== null; s = s.child) {
      if (s.it > 0) {
        path = s.path;
        if (!Array.isArray(s.tgt)) tgt = s.tgt;
      }
    }
    // (Lenient mode is asked for through `parse`, which installs it.)
    if (!known && this.lenient) return lenientMode!.element(this, f, name, tgt, path, line, col);
    const expected = new Set<string>();
    if (st !== null) this.expected(st, expected);
    else if (cp.root !== null) for (const k of cp.root.firstKeys) expected.add(k);
    const exp = expected.size === 0 ? 'no more child elements are expected' : `expected ${[...expected].map((k) => `<${k}>`).join(', ')}`;
    let tooMany = '';
    for (let s = st; s !== null; s = s.child) {
      if (s.it > 0 && s.i >= 0) {
        const cur = s.g.items[s.i];
        if (cur.kind === E && cur.key === key && s.cnt >= cur.max) tooMany = `too many <${name}> elements (at most ${cur.max}); `;
      }
    }
    this.report(
      known ? `${path}.${cp.propOf.get(key) ?? name}` : `${path}.${name}`,
      known ? `${tooMany}element <${name}> is not expected here; ${exp}` : `unknown element <${name}> (type ${cp.name} has no such element); ${exp}`,
      line,
      col,
      false,
    );
    this.startSkip();
  }


  // Missing content ------------------------------------------------------------------------------

  missingNode(n: PNode, path: string, f: { line: number; col: number }): void {
    if (n.kind === E) this.violation(f, `${path}.${n.property}`, `missing the required element <${n.xmlName}>`);
    else if (n.kind === W) this.violation(f, `${path}.${n.property}`, 'missing a required element (any)');
    else this.missingGroup(n, path, f);
  }

  missingGroup(g: GNode, path: string, f: { line: number; col: number }): void {
    const at = g.max > 1 && g.property !== undefined ? `${path}.${g.property}` : path;
    if (g.compositor === 'choice') {
      this.violation(f, at, `missing one of ${[...g.firstKeys].map((k) => `<${k}>`).join(', ')}`);
      return;
    }
    for (const it of g.items) if (!it.nullable) this.missingNode(it, g.max > 1 ? `${at}[0]` : path, f);
  }

  /** Reports what is missing in `st` from its current item up to (not including) item `j`. */
  missingBetween(st: GState, j: number): void {
    const items = st.g.items;
    this.missingCurrent(st);
    for (let k = st.i + 1; k < j; k++) if (!items[k].nullable) this.missingNode(items[k], st.path, this.cur);
  }

  /** What is missing in the current item of `st` (an element or wildcard there has occurred at least once). */
  missingCurrent(st: GState, pos: { line: number; col: number } = this.cur): void {
    if (st.i < 0) return;
    const cur = st.g.items[st.i];
    if (cur.kind === G) {
      if (st.child !== null) this.finishState(st.child, pos);
    } else if (st.cnt < cur.min) {
      this.violation(pos, `${st.path}.${cur.property}`, `${st.cnt} ${cur.kind === E ? `<${cur.xmlName}> elements` : 'elements'}; at least ${cur.min} required`);
    }
  }

  /** At the end of an element (or of a group item): everything still required in its content. */
  finishState(st: GState, pos: { line: number; col: number }): void {
    const g = st.g;
    if (st.it === 0) {
      if (!g.nullable) this.missingGroup(g, st.ppath, pos);
      return;
    }
    if (g.compositor === 'all') {
      const seen = st.seen!;
      g.items.forEach((it, k) => {
        if (seen[k] < it.min) this.missingNode(it, st.path, pos);
      });
    } else {
      if (st.i < 0) {
        if (!g.bodyNullable) this.missingGroup({ ...g, max: 1 } as GNode, st.path, pos);
      } else {
        this.missingCurrent(st, pos);
        if (g.compositor === 'sequence') for (let k = st.i + 1; k < g.items.length; k++) if (!g.items[k].nullable) this.missingNode(g.items[k], st.path, pos);
      }
    }
    if (st.it < g.min && !g.bodyNullable) {
      this.violation(pos, g.max > 1 && g.property !== undefined ? `${st.ppath}.${g.property}` : st.ppath, `${st.it} items; at least ${g.min} required`);
    }
  }

  /** Element keys acceptable next, for messages. */
  expected(st: GState, out: Set<string>): void {
    const g = st.g;
    const items = g.items;
    if (st.it === 0) {
      for (const k of g.firstKeys) out.add(k);
      if (g.startsWithWildcard) out.add('any element');
      return;
    }
    if (g.compositor === 'all') {
      items.forEach((it, k) => {
        if (st.seen![k] === 0) for (const x of it.firstKeys) out.add(x);
      });
      return;
    }
    if (st.i >= 0) {
      const cur = items[st.i];
      if (cur.kind === E) {
        if (st.cnt < cur.max) out.add(cur.key);
      } else if (cur.kind === W) {
        if (st.cnt < cur.max) out.add('any element');
      } else if (st.child !== null) this.expected(st.child, out);
    }
    if (!curSatisfied(st)) return;
    if (g.compositor === 'sequence') {
      for (const k of g.reach[st.i + 1].keys()) out.add(k);
      if (!g.nullFrom[st.i + 1]) return;
    }
    if (st.it < g.max) for (const k of g.firstKeys) out.add(k);
  }
}
