/**
 * The reader's start tags without a fresh attribute object each.
 *
 * saxes (6.0.0) gives every start tag a new null-prototype object for its attributes, before it
 * knows whether any follow. V8 makes such an object a dictionary of about 160 bytes: measured on
 * the benchmark's responses, three quarters of all the memory a parse allocates. That garbage is
 * what sets off the young-generation collections during a parse, and each of them copies the part
 * of the result built so far: about a fifth of the parse time, which a larger young generation
 * (`--max-semi-space-size=64`) takes away just as this does.
 *
 * `leanStartTags` gives one parser (the reader's own; no other saxes parser in the process is
 * touched) a start-tag state of its own: when the tag name ends with `>` or `/` no attribute can
 * follow, and the tag gets one shared, frozen, empty attribute object; otherwise a fresh one, as
 * before. Everything else is saxes' own: the name is captured by its `captureNameChars`, the tag
 * completed by its `openTag`, attributes read by its states, errors raised by its `fail` with its
 * messages (the reader registers no `opentagstart` handler, which this state does not call). The
 * state table, the states it leads to and those methods are internals of saxes: the states are
 * looked up (not assumed by number), a saxes without them makes this throw at once
 * (noticed by the first test rather than by a user), and `starttags.test.ts` holds this state to
 * stock saxes' events and errors on start tags in every form.
 */
import type { SaxesParser } from 'saxes';

/** The internals of saxes' parser that the start-tag state stands on. */
interface SaxesStates {
  stateTable: (() => void)[];
  state: number;
  name: string;
  tag: { name: string; attributes: Record<string, string> } | null;
  sawRoot: boolean;
  closedRoot: boolean;
  sOpenTag(): void;
  sOpenTagSlash(): void;
  sAttrib(): void;
  captureNameChars(): number;
  openTag(): void;
  fail(message: string): void;
}

/** The attributes of every tag that has none (saxes only reads it then: nothing is added to it). */
const NO_ATTRIBUTES: Record<string, string> = Object.freeze(Object.create(null) as Record<string, string>);

/** saxes' numbers of the states after a tag name: `/`, and whitespace (the same for every parser). */
let slashState = 0;
let attribState = 0;

export function leanStartTags(parser: SaxesParser<{ position: false; xmlns: false }>): void {
  const p = parser as unknown as SaxesStates;
  const table = p.stateTable;
  const at = table.indexOf(p.sOpenTag);
  slashState = table.indexOf(p.sOpenTagSlash);
  attribState = table.indexOf(p.sAttrib);
  if (at < 0 || slashState < 0 || attribState < 0) throw new Error('runtime: the reader needs saxes 6.0.0');
  table[at] = startTag;
}

function startTag(this: SaxesStates): void {
  const c = this.captureNameChars();
  if (c < 0) return; // the end of the chunk: the name goes on in the next one
  // `>` or `/` right after the name: no attribute can follow.
  this.tag = { name: this.name, attributes: c === 0x3e || c === 0x2f ? NO_ATTRIBUTES : (Object.create(null) as Record<string, string>) };
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
}
