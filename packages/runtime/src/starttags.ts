/**
 * The reader's tags and layout without fresh objects and strings each.
 *
 * saxes (6.0.0) gives every start tag a new tag object, then adds a property to it
 * (`isSelfClosing`, which makes V8 give it a second, out-of-object store), a new null-prototype
 * object for its attributes before it knows whether any follow (V8 makes it a dictionary of about
 * 160 bytes), and after the tag a new empty attribute list; every end tag's name is captured
 * character by character into a new string; and the whitespace between tags of a pretty-printed
 * document becomes a text event with a string of its own (built in pieces at each line end).
 * Measured on the benchmark's responses, that was four fifths of all the memory a parse
 * allocated: the garbage that sets off the young-generation collections during a parse, each of
 * which copies the part of the result built so far (about a fifth of the parse time).
 *
 * `leanParser` makes a saxes parser (the reader's own; no other saxes parser in the process is
 * touched) with three states of its own:
 * - start tags: a tag object per depth of nesting, reused by the next tag at that depth once the
 *   one before has closed (saxes keeps a tag only on its stack of open tags, and the reader keeps
 *   none past its event); when the tag name ends with `>` or `/` no attribute can follow, and the
 *   tag gets one shared, frozen, empty attribute object (`NO_ATTRIBUTES`); otherwise a fresh one,
 *   as before. A tag without attributes leaves saxes' attribute list as it is instead of
 *   replacing it by a new empty one.
 * - end tags: the open element's name followed by `>` is compared in place (see `endTag`).
 * - text: nothing before the next `<`, or only spaces, tabs and line ends where the reader says
 *   whitespace is layout (`Layout`: element-only content, where such text means nothing), is
 *   passed over without a text event, lines and columns counted as saxes counts them.
 * Everything else is saxes' own: names are captured by its `captureNameChars`, tags completed by
 * its `openTag` and `closeTag`, attributes and other text read by its states, errors raised by
 * its `fail` with its messages (the reader registers no `opentagstart` handler, which the
 * start-tag state does not call); each state hands anything it does not take to saxes' own state
 * from the same character. The states are functions of this module, not closures made per
 * parser: what they keep per parser (the reused tags, the reader to ask) is in the parser's
 * options object, which saxes keeps and reads nothing else of after construction. (Closures made
 * per parser were measured to keep earlier parsers, and so the results their readers built, alive
 * after the parse: V8 holds on to the closures a hot call site has seen.) The state table, the states these lead to and those methods are
 * internals of saxes: the states are looked up (not assumed by number), a saxes without them
 * makes this throw at once (noticed by the first test rather than by a user), and
 * `starttags.test.ts` holds these states to stock saxes' events, errors and positions on tags
 * and layout in every form.
 */
import { SaxesParser } from 'saxes';
import { isSpace } from './simple.js';

/** What the text state asks of the reader. */
export interface Layout {
  /** Whether whitespace-only text here means nothing (element-only content): no event needed. */
  readonly whitespaceIsLayout: boolean;
}

/** A start tag as saxes' events give it. */
interface Tag {
  name: string;
  attributes: Record<string, string>;
  isSelfClosing?: boolean;
}

/** The parser's options: saxes' own, and what the states keep per parser. */
interface LeanOptions {
  readonly position: false;
  readonly xmlns: false;
  readonly forceXMLVersion: true;
  readonly defaultXMLVersion: '1.0';
  readonly layout: Layout;
  /** The tag object of each depth (saxes' stack of open tags holds the one in use). */
  readonly reused: Tag[];
}

/** The internals of saxes' parser that the states stand on. */
interface SaxesStates {
  readonly opt: LeanOptions;
  stateTable: (() => void)[];
  state: number;
  name: string;
  text: string;
  tag: Tag | null;
  tags: Tag[];
  attribList: unknown[];
  sawRoot: boolean;
  closedRoot: boolean;
  chunk: string;
  chunkPosition: number;
  i: number;
  prevI: number;
  line: number;
  column: number;
  positionAtNewLine: number;
  forbiddenState: number;
  sOpenTag(): void;
  sOpenTagSlash(): void;
  sAttrib(): void;
  sCloseTag(): void;
  sText(): void;
  sOpenWaka(): void;
  captureNameChars(): number;
  openTag(): void;
  closeTag(): void;
  processAttribs(): void;
  processAttribsPlain(): void;
  fail(message: string): void;
}

/** The attributes of every tag that has none (saxes only reads it then: nothing is added to it). */
export const NO_ATTRIBUTES: Record<string, string> = Object.freeze(Object.create(null) as Record<string, string>);

/**
 * saxes' numbers of the states after a tag name (`/`, whitespace) and after `<`, and its state of
 * `]]>` detection at the start of text (the same for every parser).
 */
let slashState = 0;
let attribState = 0;
let wakaState = 0;
let noBracket = 0;

/**
 * A saxes parser as the reader reads with it (`layout`: the reader): no positions of its own, no
 * namespaces (the reader resolves them), XML 1.0 rules whatever the declaration says.
 */
export function leanParser(layout: Layout): SaxesParser<{ position: false; xmlns: false }> {
  const opt: LeanOptions = { position: false, xmlns: false, forceXMLVersion: true, defaultXMLVersion: '1.0', layout, reused: [] };
  const parser = new SaxesParser(opt) as SaxesParser<{ position: false; xmlns: false }>;
  const p = parser as unknown as SaxesStates;
  const table = p.stateTable;
  const at = table.indexOf(p.sOpenTag);
  const endAt = table.indexOf(p.sCloseTag);
  const textAt = table.indexOf(p.sText);
  wakaState = table.indexOf(p.sOpenWaka);
  slashState = table.indexOf(p.sOpenTagSlash);
  attribState = table.indexOf(p.sAttrib);
  noBracket = p.forbiddenState;
  if (Math.min(at, endAt, textAt, wakaState, slashState, attribState) < 0 || !p.processAttribsPlain || p.opt !== opt) throw new Error('runtime: the reader needs saxes 6.0.0');
  p.processAttribs = processAttribs;
  table[at] = startTag;
  table[endAt] = endTag;
  table[textAt] = text;
  return parser;
}

function startTag(this: SaxesStates): void {
  const c = this.captureNameChars();
  if (c < 0) return; // the end of the chunk: the name goes on in the next one
  // `>` or `/` right after the name: no attribute can follow.
  const attributes = c === 0x3e || c === 0x2f ? NO_ATTRIBUTES : (Object.create(null) as Record<string, string>);
  // The tag object of this depth: saxes gives it `isSelfClosing` at its first use.
  const tag = (this.opt.reused[this.tags.length] ??= { name: '', attributes });
  tag.name = this.name;
  tag.attributes = attributes;
  this.tag = tag;
  this.name = '';
  this.sawRoot = true;
  if (this.closedRoot) this.fail('documents may contain only one root.');
  if (c === 0x3e) this.openTag();
  else if (c === 0x2f) this.state = slashState;
  else {
    // Whitespace must separate the name from what follows (saxes returns a newline for any line end).
    if (!isSpace(c)) this.fail('disallowed character in tag name.');
    this.state = attribState;
  }
}

/** saxes' own, skipped where the tag has no attributes (it would replace the empty list by a new one). */
function processAttribs(this: SaxesStates): void {
  if (this.attribList.length > 0) this.processAttribsPlain();
}

/**
 * After `</`: an end tag naming the element open at this depth, then `>`, is compared in place
 * with that element's name (no name string made, no character looked up in XML's name tables: the
 * name was checked at the start tag), and the tag completed by saxes' `closeTag` as its own state
 * would. Anything else, and names with surrogates (where saxes counts columns by code point), is
 * left to saxes' own state from the same character.
 */
function endTag(this: SaxesStates): void {
  const tags = this.tags;
  if (tags.length > 0 && this.name.length === 0) {
    const name = tags[tags.length - 1].name;
    const chunk = this.chunk;
    const i = this.i;
    const n = name.length;
    let k = 0;
    while (k < n && chunk.charCodeAt(i + k) === name.charCodeAt(k) && name.charCodeAt(k) < 0xd800) k++;
    if (k === n && chunk.charCodeAt(i + n) === 0x3e) {
      this.i = i + n + 1;
      this.prevI = i + n;
      this.column += n + 1;
      this.name = name;
      this.closeTag();
      return;
    }
  }
  this.sCloseTag();
}

/**
 * Text: where nothing comes before the next `<`, or only spaces, tabs and line ends that the
 * reader says are layout, the `<` is read as saxes' own state would read it (line, column and
 * line start counted as its getCode counts them) and no text event is made. Anything else is
 * saxes' own state from the same character.
 */
function text(this: SaxesStates): void {
  const chunk = this.chunk;
  const start = this.i;
  let i = start;
  let c = chunk.charCodeAt(i);
  // (XML's whitespace compared here, not by a function: this loop is the hottest of a pretty-printed document.)
  if (this.tags.length > 0 && this.text.length === 0 && (c === 0x3c || ((c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) && this.opt.layout.whitespaceIsLayout))) {
    /** Where the last line end passed over ends (CR LF, CR or LF: one line each), and how many. */
    let nl = -1;
    let lines = 0;
    while (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) {
      if (c === 0x0a || c === 0x0d) {
        if (c === 0x0d && chunk.charCodeAt(i + 1) === 0x0a) i++;
        nl = i;
        lines++;
      }
      c = chunk.charCodeAt(++i);
    }
    if (c === 0x3c) {
      // As saxes' getCode would leave it after reading the `<`.
      if (nl < 0) this.column += i - start + 1;
      else {
        this.line += lines;
        this.positionAtNewLine = this.chunkPosition + nl + 1;
        this.column = i - nl;
      }
      this.prevI = i;
      this.i = i + 1;
      this.forbiddenState = noBracket;
      this.state = wakaState;
      return;
    }
    // Not layout after all (other text, or the end of the chunk): saxes reads it from the start.
  }
  this.sText();
}

