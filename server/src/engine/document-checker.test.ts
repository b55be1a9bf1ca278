// A chunk's topic hits are found where the chunk is analysed (in a worker) and handed over with its result; the
// draft's topics must be those the main thread would find itself. After an edit, the view is built from the early
// results of the chunks it changed (their parse), so the whole-document rules run while the chunk rules still do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CheckEnvironment, DocumentChecker } from './document-checker';
import { InProcessAnalyzer } from './in-process-analyzer';
import { DEFAULT_CONFIG } from '../config/config';
import { buildTemplateSet } from '../templates/registry';
import { EMPTY_WORKSPACE } from '../markdown/workspace';
import { BUILTIN_GPUS } from '../node/data-files';
import { matchTopics } from '../topics/match';
import { draftTextOf } from '../topics/from-view';
import type { ChunkAnalyzer, ChunkJob, EarlyListener } from './analyzer';
import { guardedResult, type AnalysisContext, type ChunkResult } from './chunk-result';
import { guardFinding } from '../rules/guards';
import type { WorkspaceView } from '../markdown/workspace';

const DRAFT = '# RunPod 上的 RTX 4090 价格\n\n## RTX 4090 显存\n\nRTX 4090 的 24 GB 显存在 RunPod 上每小时 $0.69。\n\n## Docker\n\n用 Docker 部署 ComfyUI，serverless 也可以。\n';

test('topics from the hits found with each chunk equal the topics found over the whole draft', async () => {
  const env = new CheckEnvironment({ config: DEFAULT_CONFIG, templates: buildTemplateSet([]), data: { gpus: BUILTIN_GPUS }, locale: 'zh-cn' });
  const checker = new DocumentChecker(new InProcessAnalyzer());
  const result = await checker.check({ uri: 'file:///d.md', path: '/d.md', text: DRAFT }, env, EMPTY_WORKSPACE);
  assert.ok(checker.lastLayout.every(({ result: r }) => r.topicHits?.length === r.summary.prose.length), 'every chunk result carries its hits');
  assert.ok(checker.lastLayout.some(({ result: r }) => r.topicHits!.some((hits) => hits.length > 0)));
  const expected = matchTopics(draftTextOf(result.view!), env.topics);
  assert.ok(expected.length >= 3, JSON.stringify(expected.map((m) => m.topic)));
  assert.deepEqual(result.topics, expected);
});

/**
 * An analyzer that answers an edit's chunks in two steps, as the worker pool does when asked for early results:
 * the early results at once, the results on a later turn. A chunk `guarded` picks gets a guard's result, with a
 * shallow summary of its own, as when a guard stops a chunk after its parse.
 */
class TwoStepAnalyzer implements ChunkAnalyzer {
  readonly events: string[] = [];
  constructor(private readonly inner: ChunkAnalyzer, private readonly guarded: (text: string) => boolean = () => false) {}
  async analyze(jobs: readonly ChunkJob[], context: AnalysisContext, signal?: AbortSignal, onEarly?: EarlyListener): Promise<ChunkResult[]> {
    const results = await this.inner.analyze(jobs, context, signal, onEarly);
    if (onEarly) {
      this.events.push('early results');
      await new Promise((resolve) => setTimeout(resolve, 20));
      this.events.push('results');
    }
    return results.map((result, i) => (this.guarded(jobs[i].text) ? guardedResult(jobs[i].text, guardFinding('timeout', context.locale, { ms: 1 })) : result));
  }
  async dispose(): Promise<void> {}
}

/** A workspace where every linked file is missing, noting when the whole-document rules first ask. */
const recordingWorkspace = (events: string[]): WorkspaceView => ({
  stat: async () => {
    if (!events.includes('document rules')) events.push('document rules');
    return undefined;
  },
  anchorsOf: async () => undefined,
});

const LINKED = Array.from({ length: 12 }, (_, i) => `## Part ${i}\n\nSee [the figure](./images/figure-${i}.png) and the RTX 4090 at 450 W.\n`).join('\n');

test('after an edit the whole-document rules run while the chunk rules still do, and the result is a check from scratch\'s', async () => {
  const env = new CheckEnvironment({ config: DEFAULT_CONFIG, templates: buildTemplateSet([]), data: { gpus: BUILTIN_GPUS }, locale: 'en' });
  const analyzer = new TwoStepAnalyzer(new InProcessAnalyzer());
  const checker = new DocumentChecker(analyzer);
  const text = `# Draft\n\n${LINKED}`;
  await checker.check({ uri: 'file:///d.md', path: '/w/d.md', text }, env, recordingWorkspace([]));
  analyzer.events.length = 0;
  const edited = text.replace('Part 5\n\nSee', 'Part 5\n\nNow see');
  const result = await checker.check({ uri: 'file:///d.md', path: '/w/d.md', text: edited }, env, recordingWorkspace(analyzer.events));
  assert.deepEqual(analyzer.events, ['early results', 'document rules', 'results']);
  const fresh = await new DocumentChecker(new InProcessAnalyzer()).check({ uri: 'file:///d.md', path: '/w/d.md', text: edited }, env, EMPTY_WORKSPACE);
  assert.deepEqual(result.findings, fresh.findings);
  assert.equal(result.findings.filter((f) => f.ruleId === 'links/missing-file').length, 12);
});

test('when a chunk\'s result is not the one its early result promised (a guard after the parse), the view is built again from the result', async () => {
  const env = new CheckEnvironment({ config: DEFAULT_CONFIG, templates: buildTemplateSet([]), data: { gpus: BUILTIN_GPUS }, locale: 'en' });
  const text = `# Draft\n\n${LINKED}`;
  const edited = text.replace('Part 5\n\nSee', 'Part 5\n\nNow see');
  const analyzer = new TwoStepAnalyzer(new InProcessAnalyzer(), (chunk) => chunk.includes('Now see'));
  const checker = new DocumentChecker(analyzer);
  await checker.check({ uri: 'file:///d.md', path: '/w/d.md', text }, env, EMPTY_WORKSPACE);
  analyzer.events.length = 0;
  const result = await checker.check({ uri: 'file:///d.md', path: '/w/d.md', text: edited }, env, EMPTY_WORKSPACE);
  assert.deepEqual(analyzer.events, ['early results', 'results'], 'the early view was built');
  // The guarded section's shallow summary has no links: its image is not reported missing, and the guard is named.
  assert.equal(result.findings.filter((f) => f.ruleId === 'guard/timeout').length, 1, JSON.stringify(result.findings.map((f) => f.ruleId)));
  assert.equal(result.view!.links.length, 11, 'the view is the results\', not the early results\'');
  assert.equal(result.findings.filter((f) => f.ruleId === 'links/missing-file').length, 11);
  assert.ok(!result.findings.some((f) => f.ruleId === 'links/missing-file' && f.message.includes('figure-5')));
});

/** Records the texts it is asked to analyse, and those whose analysis was then stopped. */
class RecordingAnalyzer implements ChunkAnalyzer {
  readonly asked: string[] = [];
  readonly stopped: string[] = [];
  constructor(private readonly inner: ChunkAnalyzer) {}
  analyze(jobs: readonly ChunkJob[], context: AnalysisContext, signal?: AbortSignal, onEarly?: EarlyListener): Promise<ChunkResult[]> {
    for (const job of jobs) this.asked.push(job.text);
    signal?.addEventListener('abort', () => this.stopped.push(...jobs.map((j) => j.text)));
    return this.inner.analyze(jobs, context, signal, onEarly);
  }
  async dispose(): Promise<void> {}
}

/** `text` with `insert` put where `before` first occurs (which it must), and that edit as a replacement. */
function insertBefore(text: string, before: string, insert: string) {
  const start = text.indexOf(before);
  assert.ok(start > 0, before);
  return { edited: text.slice(0, start) + insert + text.slice(start), replacement: { start, end: start, text: insert } };
}

const ENV_EN = () => new CheckEnvironment({ config: DEFAULT_CONFIG, templates: buildTemplateSet([]), data: { gpus: BUILTIN_GPUS }, locale: 'en' });
/** Twelve sections long enough to be a chunk each. */
const LONG_SECTIONS = Array.from({ length: 12 }, (_, i) => `## Part ${i}\n\nSee [the figure](./images/figure-${i}.png) and the RTX 4090 at 450 W. ${'More words to make the section long. '.repeat(30)}\n`).join('\n');
/** A checker (recording what it asks the analyzer) that has checked the draft of LONG_SECTIONS, its record emptied. */
async function checkedDraft(inner: ChunkAnalyzer = new InProcessAnalyzer()) {
  const env = ENV_EN();
  const analyzer = new RecordingAnalyzer(inner);
  const checker = new DocumentChecker(analyzer);
  const text = `# Draft\n\n${LONG_SECTIONS}`;
  await checker.check({ uri: 'file:///d.md', path: '/w/d.md', text }, env, EMPTY_WORKSPACE);
  analyzer.asked.length = 0;
  return { env, analyzer, checker, text };
}

const checkFromScratch = (text: string, env: CheckEnvironment) => new DocumentChecker(new InProcessAnalyzer()).check({ uri: 'file:///d.md', path: '/w/d.md', text }, env, EMPTY_WORKSPACE);

test('the chunk an edit lands in is analysed as the edit arrives, and the check that follows takes that analysis over', async () => {
  const twoSteps = new TwoStepAnalyzer(new InProcessAnalyzer());
  const { env, analyzer, checker, text } = await checkedDraft(twoSteps);
  const { events } = twoSteps;
  events.length = 0;
  const { edited, replacement } = insertBefore(text, 'the figure](./images/figure-5', 'only ');
  assert.equal(checker.anticipate(text, replacement, edited), true);
  assert.equal(analyzer.asked.length, 1);
  assert.ok(analyzer.asked[0].includes('See [only the figure](./images/figure-5.png)'), analyzer.asked[0]);
  const result = await checker.check({ uri: 'file:///d.md', path: '/w/d.md', text: edited }, env, recordingWorkspace(events));
  assert.equal(analyzer.asked.length, 1, 'the check sent nothing more');
  assert.deepEqual(analyzer.stopped, []);
  assert.equal(result.stats.analysed, 1);
  // The whole-document rules ran on the view built from the early result, while the chunk rules still ran.
  assert.deepEqual(events, ['early results', 'document rules', 'results']);
  assert.deepEqual(result.findings, (await checkFromScratch(edited, env)).findings);
});

test('an analysis started for an edit that the check does not confirm is stopped, and the check analyses what it needs', async () => {
  const { env, analyzer, checker, text } = await checkedDraft();
  // A fence typed at the start of a line: the rest of the draft is code now, and the split moves with it.
  const { edited, replacement } = insertBefore(text, 'See [the figure](./images/figure-7', '```');
  assert.equal(checker.anticipate(text, replacement, edited), true);
  const guess = analyzer.asked[0];
  const result = await checker.check({ uri: 'file:///d.md', path: '/w/d.md', text: edited }, env, EMPTY_WORKSPACE);
  assert.deepEqual(analyzer.stopped, [guess]);
  assert.ok(analyzer.asked.length >= 2, 'the check sent its own chunks');
  assert.deepEqual(result.findings, (await checkFromScratch(edited, env)).findings);
});

test('edits typed one after another before any check are anticipated each from the last, and the last guess is the one taken', async () => {
  const { env, analyzer, checker, text } = await checkedDraft();
  const first = insertBefore(text, 'the figure](./images/figure-2', 'x');
  const second = insertBefore(first.edited, 'the figure](./images/figure-9', 'y');
  assert.equal(checker.anticipate(text, first.replacement, first.edited), true);
  assert.equal(checker.anticipate(first.edited, second.replacement, second.edited), true);
  assert.deepEqual(analyzer.stopped, [analyzer.asked[0]], 'the first guess stops when the second edit comes');
  const result = await checker.check({ uri: 'file:///d.md', path: '/w/d.md', text: second.edited }, env, EMPTY_WORKSPACE);
  // Both edited chunks are analysed once each: the second ahead, the first by the check (its guess was stopped).
  assert.equal(analyzer.asked.filter((t) => t.includes('See [ythe figure](./images/figure-9')).length, 1);
  assert.equal(analyzer.asked.filter((t) => t.includes('See [xthe figure](./images/figure-2')).length, 2);
  assert.deepEqual(result.findings, (await checkFromScratch(second.edited, env)).findings);
});

test('no analysis is started for an edit that adds or removes a line break, spans chunks, or edits a text other than the last one split', async () => {
  const { env, analyzer, checker, text } = await checkedDraft();
  // Each refusal leaves nothing split: the text is checked again before the next one.
  const split = async () => {
    await checker.check({ uri: 'file:///d.md', path: '/w/d.md', text }, env, EMPTY_WORKSPACE);
    analyzer.asked.length = 0;
  };
  const newline = insertBefore(text, 'the figure](./images/figure-5', 'new\nline ');
  assert.equal(checker.anticipate(text, newline.replacement, newline.edited), false);
  await split();
  const joined = text.indexOf('\n', text.indexOf('figure-5'));
  assert.equal(checker.anticipate(text, { start: joined, end: joined + 1, text: '' }, text.slice(0, joined) + text.slice(joined + 1)), false);
  await split();
  const across = text.indexOf('figure-3');
  assert.equal(checker.anticipate(text, { start: across, end: text.indexOf('figure-6'), text: '' }, text.slice(0, across) + text.slice(text.indexOf('figure-6'))), false);
  await split();
  const other = insertBefore(text.replace('Part 1', 'Part one'), 'the figure](./images/figure-5', 'x');
  assert.equal(checker.anticipate(text.replace('Part 1', 'Part one'), other.replacement, other.edited), false);
  assert.deepEqual(analyzer.asked, []);
});

test('a NUL character typed into one chunk of a checked draft, or into its front matter, makes the whole draft binary until it is gone', async () => {
  const { env, checker, text } = await checkedDraft();
  const check = (t: string) => checker.check({ uri: 'file:///d.md', path: '/w/d.md', text: t }, env, EMPTY_WORKSPACE);
  const { edited } = insertBefore(text, 'More words to make the section long. \n\n## Part 7', '\u0000');
  assert.deepEqual((await check(edited)).findings.map((f) => f.ruleId), ['guard/binary']);
  assert.deepEqual((await check(text)).findings, (await checkFromScratch(text, env)).findings);
  const withFrontMatter = `---\ntitle: Draft\n---\n${text}`;
  await check(withFrontMatter);
  assert.deepEqual((await check(withFrontMatter.replace('title: Draft', 'title: Dr\u0000aft'))).findings.map((f) => f.ruleId), ['guard/binary']);
});
