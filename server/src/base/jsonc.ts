// JSON with comments and trailing commas, as the `.benchpress/` files are written: a syntax tree with offsets
// (for diagnostics at the right place), or the syntax errors and where they are, in words a writer understands.
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';

export type { JsonNode };

export interface JsoncError {
  start: number;
  end: number;
  /** What is wrong, e.g. "a comma is expected". */
  reason: string;
}

const ERROR_TEXT: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'a property name in double quotes is expected',
  ValueExpected: 'a value is expected',
  ColonExpected: 'a colon is expected',
  CommaExpected: 'a comma is expected',
  CloseBraceExpected: 'a closing `}` is expected',
  CloseBracketExpected: 'a closing `]` is expected',
  EndOfFileExpected: 'unexpected text after the end',
  InvalidCommentToken: 'malformed comment',
  UnexpectedEndOfComment: 'a comment is never closed',
  UnexpectedEndOfString: 'a string is never closed',
  UnexpectedEndOfNumber: 'a number is cut off',
  InvalidUnicode: 'malformed \\u escape',
  InvalidEscapeCharacter: 'malformed escape',
  InvalidCharacter: 'a control character inside a string',
};

/** Every syntax error of the text (empty when it parses), at most `max`. */
export function jsoncErrors(text: string, max = 5): { root: JsonNode | undefined; errors: JsoncError[] } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  return {
    root,
    errors: errors.slice(0, max).map((e) => {
      const code = printParseErrorCode(e.error);
      return { start: e.offset, end: e.offset + Math.max(1, e.length), reason: ERROR_TEXT[code] ?? code };
    }),
  };
}

/** The tree, or the first syntax error (an empty text is an error too). */
export function parseJsonc(text: string): { root: JsonNode } | { error: JsoncError } {
  const { root, errors } = jsoncErrors(text, 1);
  if (errors.length === 0 && root) return { root };
  return { error: errors[0] ?? { start: 0, end: 1, reason: 'empty file' } };
}

/** The plain value of a node (objects, arrays, strings, numbers, booleans, null). */
export function jsonValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const { key, value } of jsonProperties(node)) out[key] = jsonValue(value);
      return out;
    }
    case 'array':
      return (node.children ?? []).map(jsonValue);
    default:
      return node.value;
  }
}

/** The properties of an object node, with the nodes of their keys (for diagnostics on a key). */
export function jsonProperties(node: JsonNode): { key: string; keyNode: JsonNode; value: JsonNode }[] {
  const out: { key: string; keyNode: JsonNode; value: JsonNode }[] = [];
  for (const p of node.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k && v) out.push({ key: String(k.value), keyNode: k, value: v });
  }
  return out;
}
