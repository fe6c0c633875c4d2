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
 * messages (the reader registers no `opentagstart` handler, which this state does not call). The state table, the states it leads to and those methods are internals of saxes:
 * they are looked up (not assumed by number), and a saxes without them makes this throw at once,
 * so that a change of version is noticed by the first test rather than by a user.
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

const END_OF_CHUNK = -1;
const GREATER = 0x3e;
const SLASH = 0x2f;

/** The state, made for the first parser given one (the state numbers are saxes' own, the same for every parser). */
let startTagState: { at: number; run: () => void } | null = null;

export function leanStartTags(parser: SaxesParser<{ position: false; xmlns: false }>): void {
  const p = parser as unknown as SaxesStates;
  const table = p.stateTable;
  startTagState ??= makeStartTagState(p);
  if (table[startTagState.at] !== p.sOpenTag) throw new Error('runtime: the installed saxes is not the version the reader was written for (6.0.0)');
  table[startTagState.at] = startTagState.run;
}

function makeStartTagState(p: SaxesStates): { at: number; run: () => void } {
  const table = p.stateTable;
  const at = Array.isArray(table) ? table.indexOf(p.sOpenTag) : -1;
  const slashState = at < 0 ? -1 : table.indexOf(p.sOpenTagSlash);
  const attribState = at < 0 ? -1 : table.indexOf(p.sAttrib);
  if (slashState < 0 || attribState < 0 || typeof p.captureNameChars !== 'function' || typeof p.openTag !== 'function' || typeof p.fail !== 'function') {
    throw new Error('runtime: the installed saxes is not the version the reader was written for (6.0.0)');
  }
  const run = function startTag(this: SaxesStates): void {
    const c = this.captureNameChars();
    if (c === END_OF_CHUNK) return; // the name goes on in the next chunk
    const bare = c === GREATER || c === SLASH;
    this.tag = { name: this.name, attributes: bare ? NO_ATTRIBUTES : (Object.create(null) as Record<string, string>) };
    this.name = '';
    this.sawRoot = true;
    if (this.closedRoot) this.fail('documents may contain only one root.');
    if (c === GREATER) this.openTag();
    else if (c === SLASH) this.state = slashState;
    else {
      // Whitespace must separate the name from what follows (saxes returns a newline for any line end).
      if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d) this.fail('disallowed character in tag name.');
      this.state = attribState;
    }
  };
  return { at, run };
}
