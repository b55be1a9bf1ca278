// The CLI's answer cache, so a re-run over unchanged files is a read, a hash and a few stats: per file, the
// findings of its last check, kept with everything else they depend on. A file's entry holds only while
//   - the run's inputs are the same: the build, the options that change findings, and the bytes of every
//     `.benchpress/` file that settings are made from (see settings-inputs.ts) — they make up the run key;
//   - its text is the same (hash);
//   - the files it looked at are the same: for each linked Markdown file whose anchors it read, that file's mtime
//     and size; for each path whose existence it checked, the mtime of the folder holding it (a folder's mtime
//     changes when an entry is added, removed or renamed, so one stat answers for every link into it);
//   - and, for a draft with data tables, the day (pricing/stale compares with today).
// Anything else is a miss, and the file is checked as usual. Files in `.benchpress/.cache/`; a damaged cache is
// ignored, never trusted:
//   - lint-results.json, the index: per file what its answer rests on, and the stamp (a digest) of its findings;
//   - lint-findings.json, the findings by file with their stamps, read only when a run needs findings (an entry
//     whose stamp differs from the index's is a miss, so the two files can never be mixed up);
//   - lint-output-FORMAT, the last printed answer of a run in that format, under a key made of the run's options
//     and every report's stamp: a re-run with nothing changed prints it as it is, without reading any findings.
import { readFileSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { Finding, WorstSeverity } from '../base/types';
import type { Locale } from '../base/i18n';
import type { WorkspaceView } from '../markdown/workspace';
import type { FileAnchors } from '../markdown/anchors';
import type { AnchorSettings } from '../markdown/heading-anchors';
import { confineSync, lstatOnce, orUndefined } from './confine';
import { digestOf, statSignature } from './drafts';
import { ensureIgnoredFolder, writeFileAtomic } from '../base/files';

const FORMAT = 4;

/** `mtime:size` of a file, `mtime:d` of a folder, or null when it does not exist. */
export type Signature = string | null;

/** What `WorkspaceView.stat` answered for a path. */
export type PathKind = 'file' | 'directory' | 'outside' | null;

export interface FileDeps {
  /** Paths whose existence was looked up (links and images) → what they were. */
  paths: Record<string, PathKind>;
  /** Markdown files whose anchors were read (links into them) → their signature. */
  files: Record<string, Signature | 'outside'>;
}

export interface ResultEntry {
  hash: string;
  /** The file's stat signature when the bytes with `hash` were read, if it may stand for them (see drafts.ts). */
  stat?: string;
  /** The fingerprint of the settings of the file's workspace root when the answer was made. */
  settings: string;
  findings: Finding[];
  deps: FileDeps;
  /** Set when the findings depend on the date (pricing/stale): the day they were made. */
  day?: string;
  /** The file's own anchors as its check made them, with the anchor settings' key, for links from later runs. */
  anchors?: { key: string; anchors: FileAnchors };
}

/** An entry as the index keeps it: its findings are in the findings file, under `stamp`. */
interface IndexEntry extends Omit<ResultEntry, 'findings'> {
  stamp: string;
}

/** Findings on a `.benchpress/` file (settings problems), by absolute path. */
export interface ProblemReport {
  path: string;
  findings: Finding[];
}

/** Anchors of a Markdown file outside the run, as last parsed: valid while its signature and settings key hold. */
interface LinkedAnchors {
  sig: string;
  key: string;
  anchors: FileAnchors;
}

/** Where a workspace view keeps the anchors of linked files between runs (see DiskWorkspace). */
export interface AnchorStore {
  get(path: string, sig: Signature, key: string): FileAnchors | undefined;
  set(path: string, sig: Signature, key: string, anchors: FileAnchors): void;
}

/** What the last full run knew of a workspace root: its settings fingerprint and its `ignore` globs. */
export interface RootRecord {
  fingerprint: string;
  ignore: string[];
}

interface Stored {
  format: number;
  key: string;
  locale: Locale;
  /** The roots whose settings the run used, in the order it loaded them; the problems found in their files. */
  roots: Record<string, RootRecord>;
  rootOrder: string[];
  problems: ProblemReport[];
  entries: Record<string, IndexEntry>;
  linked?: Record<string, LinkedAnchors>;
}

interface StoredFindings {
  format: number;
  key: string;
  findings: Record<string, { stamp: string; findings: Finding[] }>;
}

/**
 * Signatures and kinds of paths, each looked up once per run, and only inside `roots` (the folders drafts may look
 * into): a path leading out of them is `outside` without anything outside being touched (see fs-workspace.ts).
 * The CLI's alone: it looks synchronously (see confineSync).
 */
export class Signatures {
  private readonly real = new Map<string, string | 'outside' | undefined>();
  private readonly lstats = new Map<string, Stats | undefined>();
  /** Stats of resolved paths, each taken once a run (a linked draft is asked both what it is and its signature). */
  private readonly stats = new Map<string, Stats | undefined>();

  private readonly rootSet: ReadonlySet<string>;

  constructor(private readonly roots: readonly string[]) {
    this.rootSet = new Set(roots);
  }

  /** These signatures for a run over `roots`: the same object when the roots are the same (what it looked up holds). */
  over(roots: readonly string[]): Signatures {
    return roots.length === this.roots.length && roots.every((r, i) => r === this.roots[i]) ? this : new Signatures(roots);
  }

  private statOf(real: string): Stats | undefined {
    if (!this.stats.has(real)) {
      // A path that is no link has the stat its lstat gave when it was confined: no second look at the disk.
      const lstat = this.lstats.get(real);
      this.stats.set(real, lstat && !lstat.isSymbolicLink() ? lstat : orUndefined(() => statSync(real, { throwIfNoEntry: false })));
    }
    return this.stats.get(real);
  }

  /**
   * `confineSync`'s answer, from the parent's where it can: in a folder that resolved to itself (no link on the way
   * from its root), a path is itself when it exists and is no link; in a folder that does not exist, nothing does.
   * A re-run asks this for every path its cached answers depend on (thousands, mostly in a few folders, many of
   * them missing); each folder is walked once instead of once per path.
   */
  private confined(p: string): string | 'outside' | undefined {
    if (this.real.has(p)) return this.real.get(p);
    const parent = path.dirname(p);
    const fromParent = !this.rootSet.has(p) && parent !== p && path.isAbsolute(p) && path.normalize(p) === p;
    const realParent = fromParent ? this.confined(parent) : null;
    let real: string | 'outside' | undefined;
    if (fromParent && realParent === undefined) {
      real = undefined;
    } else if (fromParent && realParent === parent) {
      const stat = lstatOnce(p, this.lstats);
      real = !stat ? undefined : stat.isSymbolicLink() ? confineSync(p, this.roots, this.lstats) : p;
    } else {
      real = confineSync(p, this.roots, this.lstats);
    }
    this.real.set(p, real);
    return real;
  }

  /** The signature of a path that is already known to be inside the roots (resolved). */
  of(real: string): Signature {
    const s = this.statOf(real);
    return s ? `${s.mtimeMs}:${s.isDirectory() ? 'd' : s.size}` : null;
  }

  /** The signature of the file a path names, confined to the roots. */
  ofPath(p: string): Signature | 'outside' {
    const real = this.confined(p);
    return real === 'outside' ? 'outside' : real === undefined ? null : this.of(real);
  }

  /** What a path is, as DiskWorkspace.stat says it. */
  kind(p: string): PathKind {
    const real = this.confined(p);
    if (real === 'outside') return 'outside';
    const s = real === undefined ? undefined : this.statOf(real);
    return s ? (s.isDirectory() ? 'directory' : 'file') : null;
  }

  /** Whether every recorded dependency still holds (looked at until the first that does not). */
  hold(deps: FileDeps): boolean {
    for (const p in deps.paths) if (this.kind(p) !== deps.paths[p]) return false;
    for (const p in deps.files) if (this.ofPath(p) !== deps.files[p]) return false;
    return true;
  }
}

/** A workspace view that records what a check looked at, with what it found (see Signatures.hold). */
export class RecordingWorkspace implements WorkspaceView {
  readonly deps: FileDeps = { paths: {}, files: {} };

  constructor(private readonly inner: WorkspaceView, private readonly signatures: Signatures) {}

  get root(): string | undefined {
    return this.inner.root;
  }

  async stat(p: string): Promise<'file' | 'directory' | 'outside' | undefined> {
    const kind = await this.inner.stat(p);
    this.deps.paths[p] = kind ?? null;
    return kind;
  }

  async anchorsOf(p: string, settings: AnchorSettings): Promise<FileAnchors | undefined> {
    // The signature is taken before the anchors are read: a file changed in between fails the next run's check.
    if (!(p in this.deps.files)) this.deps.files[p] = this.signatures.ofPath(p);
    return this.inner.anchorsOf(p, settings);
  }
}

const isPosition = (p: unknown) => !!p && typeof p === 'object' && Number.isInteger((p as { line: unknown }).line) && Number.isInteger((p as { character: unknown }).character);
const SEVERITIES = new Set(['error', 'warning', 'info', 'hint']);
const wellFormedAnchors = (a: FileAnchors | undefined): boolean =>
  !!a && Array.isArray(a.html) && a.html.every((h) => typeof h === 'string') && Array.isArray(a.headings) && a.headings.every((h) => !!h && typeof h.id === 'string' && typeof h.text === 'string');

const wellFormedFinding = (f: Finding): boolean =>
  !!f && typeof f.ruleId === 'string' && typeof f.message === 'string' && SEVERITIES.has(f.severity) && !!f.range && isPosition(f.range.start) && isPosition(f.range.end);

/** An index entry of the shape this code writes (a damaged or foreign cache file is never trusted). */
function wellFormed(entry: IndexEntry): boolean {
  const deps = entry.deps as Partial<FileDeps> | undefined;
  return (
    typeof entry.hash === 'string' &&
    typeof entry.settings === 'string' &&
    typeof entry.stamp === 'string' &&
    (entry.stat === undefined || typeof entry.stat === 'string') &&
    !!deps && typeof deps.paths === 'object' && deps.paths !== null && typeof deps.files === 'object' && deps.files !== null
  );
}

export class LintResults implements AnchorStore {
  private entries = new Map<string, IndexEntry>();
  private linked = new Map<string, LinkedAnchors>();
  /** The findings file, read at the first question that needs findings (a fully cached answer never does). */
  private findings: Map<string, { stamp: string; findings: Finding[] }> | undefined;
  private dirty = false;
  problems: ProblemReport[] | undefined;
  locale: Locale | undefined;
  roots: Record<string, RootRecord> = {};
  rootOrder: string[] = [];

  private constructor(private readonly dir: string | undefined, readonly key: string) {}

  /** The run key: the build and the options that change findings (settings are checked per root: `roots`). */
  static key(parts: unknown): string {
    return createHash('sha1').update(JSON.stringify(parts)).digest('hex');
  }

  /** What identifies a list of findings as the cache keeps them (without fixes): equal findings, equal stamps. */
  static stamp(findings: readonly Finding[]): string {
    const kept = findings.some((f) => f.fixes !== undefined) ? findings.map(({ fixes: _fixes, ...f }) => f) : findings;
    return createHash('sha1').update(JSON.stringify(kept)).digest('hex');
  }

  private path(name: string): string {
    return path.join(this.dir!, name);
  }

  /** Opens the cache in `dir` for runs with `key` (a cache made under another key is not used); no dir: a no-op cache. */
  static async open(dir: string | undefined, key: string): Promise<LintResults> {
    const results = new LintResults(dir, key);
    if (!dir) return results;
    try {
      // Read at once and decoded in one piece: a promise read decodes a file of megabytes chunk by chunk.
      const data = JSON.parse(readFileSync(results.path('lint-results.json'), 'utf8')) as Stored;
      if (data.format === FORMAT && data.key === key && data.entries && typeof data.entries === 'object' && Array.isArray(data.problems) && Array.isArray(data.rootOrder)) {
        results.entries = new Map(Object.entries(data.entries));
        results.linked = new Map(Object.entries(data.linked ?? {}));
        results.problems = data.problems;
        results.locale = data.locale;
        results.roots = data.roots && typeof data.roots === 'object' ? data.roots : {};
        results.rootOrder = data.rootOrder.filter((r) => typeof r === 'string');
        if (!data.problems.every((p) => p && typeof p.path === 'string' && Array.isArray(p.findings) && p.findings.every(wellFormedFinding))) results.problems = undefined;
      }
    } catch {
      /* no cache yet, or unreadable: start empty */
    }
    return results;
  }

  get enabled(): boolean {
    return this.dir !== undefined;
  }

  private findingsFile(): Map<string, { stamp: string; findings: Finding[] }> {
    if (this.findings) return this.findings;
    this.findings = new Map();
    if (!this.dir || this.entries.size === 0) return this.findings;
    try {
      const data = JSON.parse(readFileSync(this.path('lint-findings.json'), 'utf8')) as StoredFindings;
      if (data.format === FORMAT && data.key === this.key && data.findings && typeof data.findings === 'object') this.findings = new Map(Object.entries(data.findings));
    } catch {
      /* missing or unreadable: every answer is a miss */
    }
    return this.findings;
  }

  /**
   * The stamp of the cached findings for this exact text, if everything they depend on is unchanged (the findings
   * themselves are not read: see `findingsOf`).
   */
  holds(file: string, hash: string, settings: string, signatures: Signatures, today: string): string | undefined {
    const entry = this.entries.get(file);
    if (!entry || !wellFormed(entry) || entry.hash !== hash || entry.settings !== settings || (entry.day !== undefined && entry.day !== today)) return undefined;
    return signatures.hold(entry.deps) ? entry.stamp : undefined;
  }

  /**
   * The digest recorded for a file whose stat signature is still the one recorded with it: its bytes are the ones
   * read then, and need not be read again. Undefined when there is no such signature, or it changed.
   */
  digestBySignature(file: string): string | undefined {
    const entry = this.entries.get(file);
    if (entry?.stat === undefined || !wellFormed(entry)) return undefined;
    const stat = orUndefined(() => statSync(file, { throwIfNoEntry: false }));
    return stat && statSignature(stat) === entry.stat ? entry.hash : undefined;
  }

  /** The findings stored under `stamp` for a file, if the findings file has them whole. */
  findingsOf(file: string, stamp: string): Finding[] | undefined {
    const stored = this.findingsFile().get(file);
    return stored && stored.stamp === stamp && Array.isArray(stored.findings) && stored.findings.every(wellFormedFinding) ? stored.findings : undefined;
  }

  /** The cached findings for this exact text, with their stamp, if everything they depend on is unchanged. */
  lookup(file: string, hash: string, settings: string, signatures: Signatures, today: string): { findings: Finding[]; stamp: string } | undefined {
    const stamp = this.holds(file, hash, settings, signatures, today);
    const findings = stamp === undefined ? undefined : this.findingsOf(file, stamp);
    return findings && { findings, stamp: stamp! };
  }

  /** A file's own anchors from its last check, if that check was of this exact text and with these anchor settings. */
  anchorsOf(file: string, hash: string, key: string): FileAnchors | undefined {
    const entry = this.entries.get(file);
    return entry && entry.hash === hash && entry.anchors?.key === key && wellFormedAnchors(entry.anchors.anchors) ? entry.anchors.anchors : undefined;
  }

  get(file: string, sig: Signature, key: string): FileAnchors | undefined {
    const linked = this.linked.get(file);
    return sig !== null && linked && linked.sig === sig && linked.key === key && wellFormedAnchors(linked.anchors) ? linked.anchors : undefined;
  }

  set(file: string, sig: Signature, key: string, anchors: FileAnchors): void {
    if (!this.dir || sig === null) return;
    this.linked.set(file, { sig, key, anchors });
    this.dirty = true;
  }

  /** Keeps a file's answer; returns the stamp of its findings (undefined for a no-op cache). */
  store(file: string, entry: ResultEntry): string | undefined {
    if (!this.dir) return undefined;
    const { findings, ...rest } = entry;
    const stamp = LintResults.stamp(findings);
    this.findingsFile().set(file, { stamp, findings });
    this.entries.set(file, { ...rest, stamp });
    this.dirty = true;
    return stamp;
  }

  /**
   * What the run's answers rest on besides each file: the settings problems, the message language, and the roots
   * whose settings it used (with their fingerprints and `ignore` globs, for a later run's walk).
   */
  setRun(run: { problems: ProblemReport[]; locale: Locale; roots: Record<string, RootRecord>; rootOrder: string[] }): void {
    if (!this.dir) return;
    const before = JSON.stringify([this.problems, this.locale, this.roots, this.rootOrder]);
    if (JSON.stringify([run.problems, run.locale, run.roots, run.rootOrder]) !== before) {
      this.dirty = true;
    }
    this.problems = run.problems;
    this.locale = run.locale;
    this.roots = run.roots;
    this.rootOrder = run.rootOrder;
  }

  async save(): Promise<void> {
    if (!this.dir || !this.dirty || !this.problems || !this.locale) return;
    try {
      await ensureIgnoredFolder(this.dir);
      // Findings first: an index written without them (a run stopped in between) only has stamps that miss.
      const findings: StoredFindings = { format: FORMAT, key: this.key, findings: Object.fromEntries(this.findingsFile()) };
      await writeFileAtomic(this.path('lint-findings.json'), JSON.stringify(findings), { flush: false });
      const data: Stored = { format: FORMAT, key: this.key, locale: this.locale, roots: this.roots, rootOrder: this.rootOrder, problems: this.problems, entries: Object.fromEntries(this.entries), linked: Object.fromEntries(this.linked) };
      await writeFileAtomic(this.path('lint-results.json'), JSON.stringify(data), { flush: false });
      this.dirty = false;
    } catch {
      /* a read-only checkout simply runs without a cache */
    }
  }

  /** The key of a printed answer: this cache's run key, the format, and what the text was made of (see cli/lint.ts). */
  printedKey(format: string, parts: unknown): string {
    return LintResults.key([FORMAT, this.key, format, parts]);
  }

  /**
   * The answer printed last under `key` (a digest of everything the printed text depends on, see cli/lint.ts), as
   * bytes, with the most severe finding in it; undefined when there is none, or it is damaged (its digest is kept
   * with it).
   */
  printed(format: string, key: string): { bytes: Buffer; worst: WorstSeverity } | undefined {
    if (!this.dir) return undefined;
    try {
      const bytes = readFileSync(this.path(`lint-output-${format}`));
      const newline = bytes.indexOf(10);
      if (newline < 0) return undefined;
      const [storedKey, worst, digest] = bytes.subarray(0, newline).toString('latin1').split(' ');
      const body = bytes.subarray(newline + 1);
      if (storedKey !== key || !(worst === 'none' || SEVERITIES.has(worst)) || digest !== digestOf(body)) return undefined;
      return { bytes: body, worst: worst as WorstSeverity };
    } catch {
      return undefined;
    }
  }

  /** Keeps the answer printed under `key` (see `printed`). */
  async savePrinted(format: string, key: string, body: Uint8Array, worst: WorstSeverity): Promise<void> {
    if (!this.dir) return;
    try {
      const header = `${key} ${worst} ${digestOf(body)}\n`;
      await ensureIgnoredFolder(this.dir);
      await writeFileAtomic(this.path(`lint-output-${format}`), Buffer.concat([Buffer.from(header, 'latin1'), body]), { flush: false });
    } catch {
      /* as save() */
    }
  }
}
