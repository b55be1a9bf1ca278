// A chunk's topic hits are found where the chunk is analysed (in a worker) and handed over with its result; the
// draft's topics must be those the main thread would find itself.
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
