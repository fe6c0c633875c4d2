/**
 * Switch for the compiled fast path of the parser (`fastparse.ts`). On; tests turn it off to
 * compare the fast path's results with the full path's on the same input. Not part of the public
 * API. (The serializer has one writer and no switch: `serialize.ts`.)
 */
export const fastPaths = {
  /** `parse` (strict mode) tries the compiled matcher first. */
  parse: true,
};
