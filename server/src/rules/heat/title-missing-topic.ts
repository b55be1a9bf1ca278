import type { DocumentRule } from '../types';
import { titleMissingTopics } from '../../topics/title-coverage';
import { formatMetric } from '../../topics/numbers';

/**
 * heat/title-missing-topic — the body (headings and text) is about a hot topic from the topic-heat table, but the
 * title does not name it. A hint: titles that name what readers search for get read.
 */
export const titleMissingTopic: DocumentRule = {
  id: 'heat/title-missing-topic',
  scope: 'document',
  defaultSeverity: 'hint',
  docs: {
    summary: 'The body is about a hot topic that the title does not name.',
    rationale: 'Readers find articles by the topics in their titles; the topic-heat table says which ones they look for.',
    bad: '# 本地推理显卡选购\n\n## RTX 4090 显存够不够\n\nRTX 4090 的 24GB 显存可以跑 13B 模型。4090 在 int4 下还能跑更大的模型。\n',
    good: '# RTX 4090 显存与本地推理选购指南\n\n## RTX 4090 显存够不够\n\nRTX 4090 的 24GB 显存可以跑 13B 模型。\n',
  },
  check({ doc, topics, report }) {
    if (!doc.title) return;
    for (const { topic, heat } of titleMissingTopics(topics)) {
      report({
        range: doc.range(doc.title),
        message: { en: `The body is about “${topic}” (heat ${formatMetric(heat)}), but the title does not name it.`, zh: `正文主要讲“${topic}”（热度 ${formatMetric(heat)}），但标题没有提到它。` },
        data: { topic, heat },
      });
    }
  },
};
