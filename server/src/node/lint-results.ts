// The CLI's answer cache, so a re-run over unchanged files is a read, a hash and a few stats: per file, the
// findings of its last check, kept with everything else they depend on. A file's entry holds only while
//   - the run's inputs are the same: the build, the options that change findings, and the bytes of every
//     `.benchpress/` file that settings are made from (see settings-inputs.ts) — they make up the run key;
//   - its text is the same (hash);
//   - the files it looked at are the same: for each linked Markdown file whose anchors it read, that file's mtime
//     and size; for each path whose existence it checked, the mtime of the folder holding it (a folder's mtime
//     changes when an entry is added, removed or renamed, so one stat answers for every link into it);
//   - and, for a draft with data tables, the day (pricing/stale compares with today).
// Anything else is a miss, and the file is checked as usual. One JSON file in `.benchpress/.cache/`; a damaged
// cache is ignored, never trusted.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { Finding } from '../base/types';
import type { Locale } from '../base/i18n';
import type { WorkspaceView } from '../markdown/workspace';
import { ensureIgnoredFolder, writeFileAtomic } from '../base/files';

const FORMAT = 2;

/** `mtime:size` of a file or folder, or null when it does not exist. */
export type Signature = string | null;

export interface FileDeps {
  /** Folders whose entries were looked up (existence of links and images) → their signature. */
  dirs: Record<string, Signature>;
  /** Files whose content was read (anchors of linked Markdown files) → their signature. */
  files: Record<string, Signature>;
}

export interface ResultEntry {
  hash: string;
  findings: Finding[];
  deps: FileDeps;
  /** Set when the findings depend on the date (pricing/stale): the day they were made. */
  day?: string;
  /** The file's own anchors as its check saw them, for the links of other files in a later run. */
  anchors?: string[];
}

/** Findings on a `.benchpress/` file (settings problems), by absolute path. */
export interface ProblemReport {
  path: string;
  findings: Finding[];
}

/** Anchors of a Markdown file outside the run, as last parsed: valid while its signature and variant hold. */
interface LinkedAnchors {
  sig: string;
  /** What else the anchors depend on (the anchor style), '' by default. */
  variant: string;
  anchors: string[];
}

/** Where a workspace view keeps the anchors of linked files between runs (see DiskWorkspace). */
export interface AnchorStore {
  get(path: string, sig: Signature, variant: string): string[] | undefined;
  set(path: string, sig: Signature, variant: string, anchors: string[]): void;
}

interface Stored {
  format: number;
  key: string;
  locale: Locale;
  problems: ProblemReport[];
  entries: Record<string, ResultEntry>;
  linked?: Record<string, LinkedAnchors>;
}

/** Signatures of files and folders, each looked up once per run. */
export class Signatures {
  private readonly cache = new Map<string, Promise<Signature>>();

  of(p: string): Promise<Signature> {
    let sig = this.cache.get(p);
    if (!sig) {
      sig = fs.stat(p).then((s) => `${s.mtimeMs}:${s.isDirectory() ? 'd' : s.size}`, () => null);
      this.cache.set(p, sig);
    }
    return sig;
  }

  /** Whether every recorded signature still holds. */
  async hold(deps: FileDeps): Promise<boolean> {
    const checks = [...Object.entries(deps.dirs), ...Object.entries(deps.files)].map(async ([p, sig]) => (await this.of(p)) === sig);
    return (await Promise.all(checks)).every(Boolean);
  }
}

/** A workspace view that records what a check looked at, with the signatures taken before it looked. */
export class RecordingWorkspace implements WorkspaceView {
  readonly deps: FileDeps = { dirs: {}, files: {} };
  private readonly pending: Promise<void>[] = [];

  constructor(private readonly inner: WorkspaceView, private readonly signatures: Signatures) {}

  get root(): string | undefined {
    return this.inner.root;
  }

  async stat(p: string): Promise<'file' | 'directory' | undefined> {
    const dir = path.dirname(p);
    if (!(dir in this.deps.dirs)) {
      this.deps.dirs[dir] = null;
      this.pending.push(this.signatures.of(dir).then((sig) => void (this.deps.dirs[dir] = sig)));
    }
    await this.signatures.of(dir);
    return this.inner.stat(p);
  }

  async anchorsOf(p: string): Promise<Set<string> | undefined> {
    if (!(p in this.deps.files)) {
      this.deps.files[p] = null;
      this.pending.push(this.signatures.of(p).then((sig) => void (this.deps.files[p] = sig)));
    }
    await this.signatures.of(p);
    return this.inner.anchorsOf(p);
  }

  /** The dependencies, once every signature is in. */
  async done(): Promise<FileDeps> {
    await Promise.all(this.pending);
    return this.deps;
  }
}

export class LintResults implements AnchorStore {
  private entries = new Map<string, ResultEntry>();
  private linked = new Map<string, LinkedAnchors>();
  private dirty = false;
  problems: ProblemReport[] | undefined;
  locale: Locale | undefined;

  private constructor(private readonly file: string | undefined, readonly key: string) {}

  /** The run key: the build, the options that change findings, and the settings inputs' fingerprint. */
  static key(parts: unknown): string {
    return createHash('sha1').update(JSON.stringify(parts)).digest('hex');
  }

  static hash(flavor: string, text: string): string {
    return createHash('sha1').update(flavor).update('\0').update(text).digest('hex');
  }

  /** Opens the cache in `dir` for runs with `key` (a cache made under another key is not used); no dir: a no-op cache. */
  static async open(dir: string | undefined, key: string): Promise<LintResults> {
    const file = dir ? path.join(dir, 'lint-results.json') : undefined;
    const results = new LintResults(file, key);
    if (!file) return results;
    try {
      const data = JSON.parse(await fs.readFile(file, 'utf8')) as Stored;
      if (data.format === FORMAT && data.key === key && data.entries && typeof data.entries === 'object' && Array.isArray(data.problems)) {
        results.entries = new Map(Object.entries(data.entries));
        results.linked = new Map(Object.entries(data.linked ?? {}));
        results.problems = data.problems;
        results.locale = data.locale;
      }
    } catch {
      /* no cache yet, or unreadable: start empty */
    }
    return results;
  }

  get enabled(): boolean {
    return this.file !== undefined;
  }

  /** The cached findings for this exact text, if everything they depend on is unchanged. */
  async lookup(file: string, hash: string, signatures: Signatures, today: string): Promise<Finding[] | undefined> {
    const entry = this.entries.get(file);
    if (!entry || entry.hash !== hash || (entry.day !== undefined && entry.day !== today)) return undefined;
    return (await signatures.hold(entry.deps)) ? entry.findings : undefined;
  }

  /** A file's own anchors from its last check, if that check was of this exact text. */
  anchorsOf(file: string, hash: string): string[] | undefined {
    const entry = this.entries.get(file);
    return entry && entry.hash === hash ? entry.anchors : undefined;
  }

  get(file: string, sig: Signature, variant: string): string[] | undefined {
    const linked = this.linked.get(file);
    return sig !== null && linked && linked.sig === sig && linked.variant === variant ? linked.anchors : undefined;
  }

  set(file: string, sig: Signature, variant: string, anchors: string[]): void {
    if (!this.file || sig === null) return;
    this.linked.set(file, { sig, variant, anchors });
    this.dirty = true;
  }

  store(file: string, entry: ResultEntry): void {
    if (!this.file) return;
    this.entries.set(file, entry);
    this.dirty = true;
  }

  /** The run's settings problems and message language, kept with the entries (they share the key). */
  setRun(problems: ProblemReport[], locale: Locale): void {
    if (!this.file) return;
    if (JSON.stringify(this.problems) !== JSON.stringify(problems) || this.locale !== locale) this.dirty = true;
    this.problems = problems;
    this.locale = locale;
  }

  async save(): Promise<void> {
    if (!this.file || !this.dirty || !this.problems || !this.locale) return;
    try {
      await ensureIgnoredFolder(path.dirname(this.file));
      const data: Stored = { format: FORMAT, key: this.key, locale: this.locale, problems: this.problems, entries: Object.fromEntries(this.entries), linked: Object.fromEntries(this.linked) };
      await writeFileAtomic(this.file, JSON.stringify(data));
      this.dirty = false;
    } catch {
      /* a read-only checkout simply runs without a cache */
    }
  }
}
