// JSON with comments and trailing commas, as the `.benchpress/` files are written: a syntax tree with offsets
// (for diagnostics at the right place), or the first syntax error and where it is.
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';

export type { JsonNode };

export function parseJsonc(text: string): { root: JsonNode } | { error: { start: number; end: number; reason: string } } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length === 0 && root) return { root };
  const first = errors[0];
  const start = first ? first.offset : 0;
  return { error: { start, end: start + Math.max(1, first?.length ?? 0), reason: first ? printParseErrorCode(first.error) : 'empty file' } };
}
