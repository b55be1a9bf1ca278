// Bundles that are pure ASCII. V8 keeps a script's source for as long as the script lives (it compiles functions
// lazily from it), and a source with even one character above U+00FF is kept as two bytes per character. esbuild
// escapes non-ASCII characters in strings and templates but leaves them in regular expression literals (the
// typography rules' CJK punctuation classes, a few in dependencies), so the language server and its worker each held
// their whole bundle at twice its size. This plugin escapes what esbuild leaves: each character of a regular
// expression literal or a comment above U+007F becomes `\uXXXX`, which means the same character there (in a
// character class, and with or without the `u` flag: a surrogate pair escaped unit by unit is still one code point
// under `u`). Tokens are found with acorn's tokenizer, so nothing else is touched; a character anywhere else (a
// tagged template's raw text, where an escape would change the value) is left alone and the build says so. The
// linked source map is shifted to match: each escape adds five columns to its line.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import * as acorn from 'acorn';
import { decodeSegment, encodeSegment } from './source-map-vlq.mjs';

const NON_ASCII = /[^\x00-\x7f]/;
const escapeUnit = (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * `code` with the non-ASCII characters of its regular expression literals and comments escaped. `escapes` lists
 * where each escaped UTF-16 unit was, as [line, column] (0-based) in `code`, in order; `left` counts the tokens
 * that still hold non-ASCII characters.
 */
export function escapeNonAscii(code, sourceType = 'script') {
  if (!NON_ASCII.test(code)) return { code, escapes: [], left: 0 };
  const ranges = [];
  let left = 0;
  const onComment = (_block, text, start, end) => {
    if (NON_ASCII.test(text)) ranges.push([start, end]);
  };
  for (const token of acorn.tokenizer(code, { ecmaVersion: 'latest', sourceType, allowHashBang: true, onComment })) {
    if (!NON_ASCII.test(code.slice(token.start, token.end))) continue;
    if (token.type.label === 'regexp') ranges.push([token.start, token.end]);
    else left++;
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const escapes = [];
  let out = '';
  let from = 0;
  // Line and column of `from` in `code`, advanced as the text is copied.
  let line = 0;
  let lineStart = 0;
  const advance = (to) => {
    for (let i = code.indexOf('\n', from); i !== -1 && i < to; i = code.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
  };
  for (const [start, end] of ranges) {
    advance(start);
    out += code.slice(from, start);
    from = start;
    for (let i = start; i < end; i++) {
      const ch = code[i];
      if (ch === '\n') {
        line++;
        lineStart = i + 1;
      }
      if (ch.charCodeAt(0) > 0x7f) {
        escapes.push([line, i - lineStart]);
        out += escapeUnit(ch);
      } else out += ch;
    }
    from = end;
  }
  out += code.slice(from);
  return { code: out, escapes, left };
}

/**
 * A source map's `mappings` with generated columns moved for `escapes` (as escapeNonAscii gives them): a segment
 * at column c of a line moves right by five for each escape on that line before c.
 */
export function shiftMappings(mappings, escapes) {
  if (escapes.length === 0) return mappings;
  const byLine = new Map();
  for (const [line, column] of escapes) {
    if (!byLine.has(line)) byLine.set(line, []);
    byLine.get(line).push(column);
  }
  const lines = mappings.split(';');
  for (const [line, columns] of byLine) {
    if (!lines[line]) continue;
    let column = 0;
    let shiftedColumn = 0;
    let passed = 0;
    lines[line] = lines[line]
      .split(',')
      .map((segment) => {
        const values = decodeSegment(segment);
        column += values[0];
        while (passed < columns.length && columns[passed] < column) passed++;
        const moved = column + 5 * passed;
        values[0] = moved - shiftedColumn;
        shiftedColumn = moved;
        return encodeSegment(values);
      })
      .join(',');
  }
  return lines.join(';');
}

/** Escapes one written bundle (and shifts its `.map`, if any). Returns how many tokens it had to leave. */
export function escapeBundleFile(file) {
  const code = readFileSync(file, 'utf8');
  const { code: escaped, escapes, left } = escapeNonAscii(code, file.endsWith('.mjs') ? 'module' : 'script');
  if (escapes.length === 0) return left;
  writeFileSync(file, escaped);
  const mapFile = `${file}.map`;
  if (existsSync(mapFile)) {
    const map = JSON.parse(readFileSync(mapFile, 'utf8'));
    map.mappings = shiftMappings(map.mappings, escapes);
    writeFileSync(mapFile, JSON.stringify(map));
  }
  return left;
}

/** The esbuild plugin: escapes every JavaScript file a build writes. */
export function asciiOutput() {
  return {
    name: 'ascii-output',
    setup(build) {
      build.initialOptions.metafile = true;
      build.onEnd((result) => {
        if (result.errors.length > 0 || !result.metafile) return;
        for (const file of Object.keys(result.metafile.outputs)) {
          if (!/\.m?js$/.test(file)) continue;
          const left = escapeBundleFile(file);
          if (left > 0) console.warn(`ascii-output: ${file}: ${left} token(s) keep non-ASCII characters, so V8 holds the file's source at two bytes per character`);
        }
      });
    },
  };
}
