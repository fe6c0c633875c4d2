/**
 * Switches for the compiled fast paths of the serializer (`fastwrite.ts`) and the parser
 * (`fastparse.ts`). Both are on; tests turn one off to compare the fast path's results with the
 * full path's on the same input. Not part of the public API.
 */
export const fastPaths = {
  /** `serialize` tries the compiled writers first. */
  write: true,
  /** `parse` (strict mode) tries the compiled matcher first. */
  parse: true,
};
