// Performance patches to dependencies, applied when esbuild bundles them (node_modules stays untouched). Each one
// removes a cost that grows with the square of the input and changes no result; each fails the build when its
// target text is not found (a dependency update must be looked at, not silently lose the patch).
// test/dependency-patches.test.ts checks that they apply to the installed versions and give the same parse.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Text replacements: `file` ends the module's path; every `find` must occur exactly once. */
export const TEXT_PATCHES = [
  {
    file: 'micromark/lib/parse.js',
    why:
      'Every parse merged all of CommonMark\'s constructs with the extensions again (a cost per chunk that dominated ' +
      'documents of many short sections), and kept defined reference labels in an array searched by every reference ' +
      '(quadratic in references × definitions). The merge is cached per extension list; the labels are kept in a Set ' +
      'behind the two array methods micromark uses on them (push, includes).',
    replacements: [
      {
        find: 'const constructs = /** @type {FullNormalizedExtension} */\n  combineExtensions([defaultConstructs, ...(settings.extensions || [])]);',
        replace: 'const constructs = benchpressCombined(settings.extensions);',
      },
      {
        find: 'defined: [],',
        replace: 'defined: benchpressLabels(),',
      },
      {
        find: 'export function parse(options) {',
        replace: `const benchpressCombinedCache = new WeakMap();
function benchpressCombined(extensions) {
  if (!extensions) return combineExtensions([defaultConstructs]);
  let combined = benchpressCombinedCache.get(extensions);
  if (!combined) {
    combined = combineExtensions([defaultConstructs, ...extensions]);
    benchpressCombinedCache.set(extensions, combined);
  }
  return combined;
}
class BenchpressLabels {
  constructor() {
    this.set = new Set();
  }
  push(...items) {
    for (const item of items) this.set.add(item);
    return this.set.size;
  }
  includes(item) {
    return this.set.has(item);
  }
}
const benchpressLabels = () => new BenchpressLabels();
export function parse(options) {`,
      },
    ],
  },
  {
    file: 'micromark-extension-gfm-footnote/lib/syntax.js',
    why: 'Footnote labels, like reference labels, were searched in an array by every footnote call.',
    replacements: [
      {
        find: 'const defined = self.parser.gfmFootnotes || (self.parser.gfmFootnotes = []);',
        replace: 'const defined = self.parser.gfmFootnotes || (self.parser.gfmFootnotes = benchpressLabels());',
        all: true,
      },
      {
        find: "import { blankLine } from 'micromark-core-commonmark';",
        replace: `import { blankLine } from 'micromark-core-commonmark';
class BenchpressLabels {
  constructor() {
    this.set = new Set();
  }
  push(...items) {
    for (const item of items) this.set.add(item);
    return this.set.size;
  }
  includes(item) {
    return this.set.has(item);
  }
}
const benchpressLabels = () => new BenchpressLabels();`,
      },
    ],
  },
];

TEXT_PATCHES.push({
  file: 'micromark-util-edit-map/index.js',
  why:
    'Applying edits copied the events before the first edit out and back in. The document tokenizer applies an edit ' +
    'near the end of all events so far each time a container (list, block quote, footnote definition) closes: a ' +
    'draft of a thousand lists took seconds to render. The events before the first edit now stay where they are.',
  replacements: [
    {
      find: `    vecs.push(events.slice());
    events.length = 0;
    let slice = vecs.pop();`,
      replace: `    let slice = vecs.pop();`,
    },
  ],
});

TEXT_PATCHES.push({
  file: 'mdast-util-from-markdown/lib/index.js',
  why:
    'The compiler called every event handler on a fresh copy of its context (a new object per event, millions per ' +
    'corpus, a good part of the garbage collector\'s work). The handlers only read that object, so one copy per ' +
    'tokenizer (what the copies differ in) is made and reused.',
  replacements: [
    {
      find: `      resume,
      data
    };`,
      replace: `      resume,
      data
    };
    const benchpressContexts = new Map();
    let benchpressLastTokenizer;
    let benchpressLastCopy;
    const benchpressContext = (tokenizer) => {
      if (tokenizer === benchpressLastTokenizer) return benchpressLastCopy;
      let copy = benchpressContexts.get(tokenizer);
      if (!copy) {
        copy = { ...context, sliceSerialize: tokenizer.sliceSerialize };
        benchpressContexts.set(tokenizer, copy);
      }
      benchpressLastTokenizer = tokenizer;
      benchpressLastCopy = copy;
      return copy;
    };`,
    },
    {
      find: `{
          ...context,
          sliceSerialize: events[index][2].sliceSerialize
        }`,
      replace: 'benchpressContext(events[index][2])',
      all: true,
    },
  ],
});

TEXT_PATCHES.push({
  file: 'vscode-jsonrpc/lib/node/ril.js',
  why:
    'Every publishDiagnostics message was serialised whole: after each edit, JSON.stringify and a UTF-8 copy of all ' +
    'of a draft\'s diagnostics (hundreds of KB for a long Chinese draft, the largest cost of an edit on the server\'s ' +
    'main thread), though the server hands over the same diagnostic objects for every chunk the edit did not touch ' +
    '(lsp/convert.ts). The bytes of the last message per document are kept: the diagnostics it shares with the new ' +
    'one (the same objects: a run at the start and at the end, and any in between) are copied from it, the others ' +
    'serialised. The same bytes as JSON.stringify gives; diagnostics are never changed once made, so nothing kept is ' +
    'stale. (Bytes kept per diagnostic instead, as small Buffers, each held a slab of Node\'s 8 KB buffer pool alive: ' +
    'some 5 MB of a server\'s heap after 10,000 edits.)',
  replacements: [
    {
      find: 'return Promise.resolve(Buffer.from(JSON.stringify(msg, undefined, 0), options.charset));',
      replace: 'return Promise.resolve(benchpressEncode(msg, options.charset));',
    },
    {
      find: 'const _ril = Object.freeze({',
      replace: `const benchpressLast = new Map();
const benchpressComma = Buffer.from(',', 'utf8');
/** Where each diagnostic of the last message is in it (its first place), by object; made when first needed. */
function benchpressPlaces(last) {
    if (!last.places) {
        last.places = new Map();
        last.list.forEach((d, i) => { if (d !== null && typeof d === 'object' && !last.places.has(d)) last.places.set(d, i); });
    }
    return last.places;
}
function benchpressEncode(msg, charset) {
    const params = msg && msg.method === 'textDocument/publishDiagnostics' ? msg.params : undefined;
    const diagnostics = params ? params.diagnostics : undefined;
    const uri = params ? params.uri : undefined;
    if (typeof uri === 'string' && !(Array.isArray(diagnostics) && diagnostics.length >= 16)) benchpressLast.delete(uri);
    if (typeof uri !== 'string' || !Array.isArray(diagnostics) || diagnostics.length < 16 || (charset !== 'utf-8' && charset !== 'utf8')) {
        return Buffer.from(JSON.stringify(msg, undefined, 0), charset);
    }
    const shell = JSON.stringify(msg, (key, value) => (value === diagnostics ? [] : value), 0);
    const at = shell.indexOf('"diagnostics":[]');
    if (at === -1 || shell.indexOf('"diagnostics":[]', at + 1) !== -1) {
        benchpressLast.delete(uri);
        return Buffer.from(JSON.stringify(msg, undefined, 0), charset);
    }
    // The body: the diagnostics joined by commas. starts[i]: where diagnostic i begins in it; starts[n] = its length + 1.
    // A run of diagnostics that follow each other in the last message is one copy of its bytes there; a diagnostic
    // first looked for where the one before it was, plus one (an edit leaves most in place), then anywhere.
    const n = diagnostics.length;
    const last = benchpressLast.get(uri);
    const m = last ? last.list.length : 0;
    const parts = [];
    const starts = new Array(n + 1);
    let length = 0;
    let hint = 0;
    for (let i = 0; i < n;) {
        if (i > 0) { parts.push(benchpressComma); length += 1; }
        const d = diagnostics[i];
        let j = hint < m && last.list[hint] === d ? hint : undefined;
        if (j === undefined && last && d !== null && typeof d === 'object') j = benchpressPlaces(last).get(d);
        if (j === undefined) {
            const piece = Buffer.from(JSON.stringify(d) ?? 'null', 'utf8');
            starts[i] = length;
            parts.push(piece);
            length += piece.length;
            i += 1;
            hint += 1;
            continue;
        }
        let k = 1;
        while (i + k < n && j + k < m && last.list[j + k] === diagnostics[i + k]) k++;
        const from = last.starts[j];
        const to = last.starts[j + k] - 1;
        for (let r = 0; r < k; r++) starts[i + r] = length + last.starts[j + r] - from;
        parts.push(last.body.subarray(from, to));
        length += to - from;
        i += k;
        hint = j + k;
    }
    starts[n] = length + 1;
    // One copy into the message; the body kept for the next one is that part of it (hundreds of KB copied, and as
    // many freshly mapped pages, once per edit rather than twice).
    const head = Buffer.from(shell.slice(0, at + 15), 'utf8');
    const message = Buffer.concat([head, ...parts, Buffer.from(shell.slice(at + 15), 'utf8')]);
    const body = message.subarray(head.length, head.length + length);
    benchpressLast.delete(uri);
    benchpressLast.set(uri, { list: diagnostics.slice(), body, starts });
    if (benchpressLast.size > 64) benchpressLast.delete(benchpressLast.keys().next().value);
    return message;
}
const _ril = Object.freeze({`,
      },
    ],
});

TEXT_PATCHES.push({
  file: 'unist-util-visit-parents/lib/index.js',
  why:
    'Every visit of every node renamed its visit function after the node (`Object.defineProperty(visit, \'name\', …)`, ' +
    'a debugging aid for stack traces): with remark-lint\'s rules each walking every chunk\'s tree, that was the ' +
    'costliest line of the walk. The walk itself is unchanged.',
  replacements: [
    {
      find: `      Object.defineProperty(visit, 'name', {
        value:
          'node (' + color(node.type + (name ? '<' + name + '>' : '')) + ')'
      })`,
      replace: '      void name',
    },
  ],
});

TEXT_PATCHES.push({
  file: 'micromark-extension-gfm-autolink-literal/lib/syntax.js',
  why:
    'Before every word that could start an e-mail address, `previousUnbalanced` walked back through the text\'s ' +
    'events to the last unbalanced `[` (it remembered only where it had found none): after an unclosed `[`, a ' +
    'paragraph or table of n words cost n² steps (a 100 KB paragraph after one `[` took 17 s to render). The ' +
    'label found is remembered with its place, and reused while it is still there and still unbalanced (a label ' +
    'only ever goes from unbalanced to balanced, and the events are only replaced from a label that is closed).',
  replacements: [
    {
      find: `function previousUnbalanced(events) {
  let index = events.length;
  let result = false;
  while (index--) {
    const token = events[index][1];
    if ((token.type === 'labelLink' || token.type === 'labelImage') && !token._balanced) {
      result = true;
      break;
    }`,
      replace: `const benchpressUnbalanced = new WeakMap();
function previousUnbalanced(events) {
  const known = benchpressUnbalanced.get(events);
  if (known && known.index < events.length && events[known.index][1] === known.token && !known.token._balanced) return true;
  let index = events.length;
  let result = false;
  while (index--) {
    const token = events[index][1];
    if ((token.type === 'labelLink' || token.type === 'labelImage') && !token._balanced) {
      result = true;
      benchpressUnbalanced.set(events, { index, token });
      break;
    }`,
    },
  ],
});

TEXT_PATCHES.push({
  file: 'micromark/lib/initialize/text.js',
  why:
    'Text merged each run of adjacent `data` events with a splice of the whole event list after it: quadratic in a ' +
    'long paragraph or table broken into many runs (GFM autolink literals split the text at every word; 300 KB of ' +
    'table took 3 s in this merge alone). The same merge is done in one pass, compacting the list in place.',
  replacements: [
    {
      find: `    let index = -1;
    /** @type {number | undefined} */
    let enter;

    // A rather boring computation (to merge adjacent \`data\` events) which
    // improves mm performance by 29%.
    while (++index <= events.length) {
      if (enter === undefined) {
        if (events[index] && events[index][1].type === "data") {
          enter = index;
          index++;
        }
      } else if (!events[index] || events[index][1].type !== "data") {
        // Don’t do anything if there is one data token.
        if (index !== enter + 2) {
          events[enter][1].end = events[index - 1][1].end;
          events.splice(enter + 2, index - enter - 2);
          index = enter + 2;
        }
        enter = undefined;
      }
    }`,
      replace: `    // A run of \`data\` events (the enter and exit of its first token, then more data events) becomes its first
    // token, stretched to the run's end: one pass, compacting in place (the original spliced once per run).
    const length = events.length;
    let read = 0;
    let write = 0;
    while (read < length) {
      if (events[read][1].type === "data" && read + 1 < length) {
        let end = read + 2;
        while (end < length && events[end][1].type === "data") end++;
        if (end !== read + 2) events[read][1].end = events[end - 1][1].end;
        events[write++] = events[read];
        events[write++] = events[read + 1];
        read = end;
      } else {
        events[write++] = events[read++];
      }
    }
    events.length = write;`,
    },
  ],
});

/** Whole modules replaced: `importer` ends the importing module's path, `request` is the import as written. */
export const MODULE_REPLACEMENTS = [
  {
    importer: 'micromark-extension-gfm-table/lib/syntax.js',
    request: './edit-map.js',
    replacement: path.join(here, 'patches', 'gfm-table-edit-map.js'),
    why: 'Its EditMap searched all earlier edits for each new one: a table parse was quadratic in its cells.',
  },
];

const posix = (p) => p.split(path.sep).join('/');

/** Applies the text patches for `file` (an absolute path) to `source`; throws when one does not match. */
export function patchSource(file, source) {
  const patch = TEXT_PATCHES.find((p) => posix(file).endsWith(`/node_modules/${p.file}`));
  if (!patch) return undefined;
  let out = source;
  for (const r of patch.replacements) {
    const count = out.split(r.find).length - 1;
    if (count === 0 || (count > 1 && !r.all)) throw new Error(`dependency patch for ${patch.file}: expected ${r.all ? 'the text' : 'one occurrence of the text'} ${JSON.stringify(r.find.slice(0, 80))}, found ${count}. Was the package updated? See scripts/dependency-patches.mjs.`);
    out = out.split(r.find).join(r.replace);
  }
  return out;
}

/** The esbuild plugin. */
export function dependencyPatches() {
  return {
    name: 'dependency-patches',
    setup(build) {
      const applied = new Set();
      build.onStart(() => applied.clear());
      for (const m of MODULE_REPLACEMENTS) {
        const filter = new RegExp(`^${m.request.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
        build.onResolve({ filter }, (args) => {
          if (!posix(args.importer).endsWith(`/node_modules/${m.importer}`)) return undefined;
          applied.add(m.importer);
          return { path: m.replacement };
        });
      }
      const files = TEXT_PATCHES.map((p) => p.file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
      build.onLoad({ filter: new RegExp(`node_modules[\\\\/](${files.join('|').replace(/\\\//g, '[\\\\/]')})$`) }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const patched = patchSource(args.path, source);
        if (patched === undefined) return undefined;
        applied.add(args.path);
        return { contents: patched, loader: 'js', resolveDir: path.dirname(args.path) };
      });
    },
  };
}
