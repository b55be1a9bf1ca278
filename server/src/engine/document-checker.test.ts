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
