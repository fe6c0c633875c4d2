/**
 * The reader's start tags without fresh objects each.
 *
 * saxes (6.0.0) gives every start tag a new tag object, then adds a property to it
 * (`isSelfClosing`, which makes V8 give it a second, out-of-object store), a new null-prototype
 * object for its attributes before it knows whether any follow (V8 makes it a dictionary of about
 * 160 bytes), and after the tag a new empty attribute list. Measured on the benchmark's
 * responses, that was two thirds of all the memory a parse allocates: the garbage that sets off
 * the young-generation collections during a parse, each of which copies the part of the result
 * built so far (about a fifth of the parse time; a larger young generation,
 * `--max-semi-space-size=64`, takes it away just as this does).
 *
 * `leanStartTags` gives one parser (the reader's own; no other saxes parser in the process is
 * touched) a start-tag state of its own: a tag object per depth of nesting, reused by the next
 * tag at that depth once the one before has closed (saxes keeps a tag only on its stack of open
 * tags, and the reader keeps none past its event); when the tag name ends with `>` or `/` no attribute can follow, and the tag gets one shared,
 * frozen, empty attribute object; otherwise a fresh one, as before. A tag without attributes
 * leaves saxes' attribute list as it is instead of replacing it by a new empty one. Everything
 * else is saxes' own: the name is captured by its `captureNameChars`, the tag completed by its
 * `openTag`, attributes read by its states, errors raised by its `fail` with its messages (the
 * reader registers no `opentagstart` handler, which this state does not call). The state table,
 * the states it leads to and those methods are internals of saxes: the states are looked up (not
 * assumed by number), a saxes without them makes this throw at once (noticed by the first test
 * rather than by a user), and `starttags.test.ts` holds this state to stock saxes' events and
 * errors on start tags in every form.
 */
import type { SaxesParser } from 'saxes';

/** The internals of saxes' parser that the start-tag state stands on. */
interface SaxesStates {
  stateTable: (() => void)[];
  state: number;
  name: string;
  tag: Tag | null;
  tags: Tag[];
  attribList: unknown[];
  sawRoot: boolean;
  closedRoot: boolean;
  sOpenTag(): void;
  sOpenTagSlash(): void;
  sAttrib(): void;
  sCloseTag(): void;
  chunk: string;
  i: number;
  prevI: number;
  column: number;
  captureNameChars(): number;
  openTag(): void;
  closeTag(): void;
  processAttribs(): void;
  processAttribsPlain(): void;
  fail(message: string): void;
}

/** A start tag as saxes' events give it. */
interface Tag {
  name: string;
  attributes: Record<string, string>;
  isSelfClosing?: boolean;
}

/** The attributes of every tag that has none (saxes only reads it then: nothing is added to it). */
export const NO_ATTRIBUTES: Record<string, string> = Object.freeze(Object.create(null) as Record<string, string>);

/** saxes' numbers of the states after a tag name: `/`, and whitespace (the same for every parser). */
let slashState = 0;
let attribState = 0;

export function leanStartTags(parser: SaxesParser<{ position: false; xmlns: false }>): void {
  const p = parser as unknown as SaxesStates;
  const table = p.stateTable;
  const at = table.indexOf(p.sOpenTag);
  const endAt = table.indexOf(p.sCloseTag);
  slashState = table.indexOf(p.sOpenTagSlash);
  attribState = table.indexOf(p.sAttrib);
  if (at < 0 || endAt < 0 || slashState < 0 || attribState < 0 || !p.processAttribsPlain) throw new Error('runtime: the reader needs saxes 6.0.0');
  p.processAttribs = processAttribs;
  table[endAt] = endTag;
  /** The tag object of each depth (saxes' stack of open tags holds the one in use). */
  const reused: Tag[] = [];
  table[at] = function startTag(this: SaxesStates): void {
    const c = this.captureNameChars();
    if (c < 0) return; // the end of the chunk: the name goes on in the next one
    // `>` or `/` right after the name: no attribute can follow.
    const attributes = c === 0x3e || c === 0x2f ? NO_ATTRIBUTES : (Object.create(null) as Record<string, string>);
    // The tag object of this depth: saxes gives it `isSelfClosing` at its first use.
    const tag = (reused[this.tags.length] ??= { name: '', attributes });
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
      if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d) this.fail('disallowed character in tag name.');
      this.state = attribState;
    }
  };
}

/** saxes' own, skipped where the tag has no attributes (it would replace the empty list by a new one). */
function processAttribs(this: SaxesStates): void {
  if (this.attribList.length > 0) this.processAttribsPlain();
}

/**
 * After `</`: an end tag naming the element open at this depth, then `>`, is compared in place
 * with that element's name (no name string made, no character checked one by one: the name was
 * checked at the start tag), and the tag completed by saxes' `closeTag` as its own state would.
 * Anything else, and names with characters beyond U+FFFF (where saxes counts columns by code
 * point), is left to saxes' own state from the same character.
 */
function endTag(this: SaxesStates): void {
  const tags = this.tags;
  if (tags.length > 0 && this.name.length === 0) {
    const name = tags[tags.length - 1].name;
    const chunk = this.chunk;
    const i = this.i;
    const end = i + name.length;
    if (chunk.charCodeAt(end) === 0x3e && chunk.startsWith(name, i)) {
      let k = i;
      while (k < end && chunk.charCodeAt(k) < 0xd800) k++;
      if (k === end) {
        this.i = end + 1;
        this.prevI = end;
        this.column += name.length + 1;
        this.name = name;
        this.closeTag();
        return;
      }
    }
  }
  this.sCloseTag();
}
