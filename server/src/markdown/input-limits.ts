// The cheap scan that runs before a chunk is parsed: lines too long or containers nested too deep make Markdown
// parsers slow or overflow their stack, so such a chunk is reported instead of parsed (checks and preview alike).

export interface InputLimits {
  maxLineLength: number;
  maxNesting: number;
}

export type LimitProblem =
  | { kind: 'line-too-long'; line: number; length: number }
  | { kind: 'nesting-too-deep'; line: number; depth: number; width: number };

/** The first line of `text` over a limit, or undefined. Depth counts `>` and list markers and 4-column indents. */
export function firstLimitProblem(text: string, limits: InputLimits): LimitProblem | undefined {
  let lineStart = 0;
  for (let line = 0; lineStart <= text.length; line++) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const length = lineEnd - lineStart;
    if (length > limits.maxLineLength) return { kind: 'line-too-long', line, length };
    let depth = 0;
    let indent = 0;
    let i = lineStart;
    while (i < lineEnd) {
      const c = text.charCodeAt(i);
      if (c === 32) { indent++; i++; continue; }
      if (c === 9) { indent += 4; i++; continue; }
      if (c === 62 /* > */) { depth++; i++; continue; }
      if ((c === 45 || c === 42 || c === 43) && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9)) { depth++; i += 2; continue; }
      break;
    }
    depth += Math.floor(indent / 4);
    if (depth > limits.maxNesting) return { kind: 'nesting-too-deep', line, depth, width: Math.min(length, i - lineStart) };
    lineStart = lineEnd + 1;
  }
  return undefined;
}

/** Lines longer than this, or containers nested deeper, make Markdown parsers slow or overflow their stack. */
export const DEFAULT_LIMITS = { maxLineLength: 100_000, maxNesting: 64 };
