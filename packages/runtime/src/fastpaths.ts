/**
 * Switch for the compiled fast path of the serializer (`fastwrite.ts`). On; tests turn it off to
 * compare the fast path's results with the full path's on the same input. Not part of the public
 * API. (Parsing has one path: `parse.ts`.)
 */
export const fastPaths = {
  /** `serialize` tries the compiled writers first. */
  write: true,
};
