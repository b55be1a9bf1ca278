// Drafts used across tests: a complete review and tutorial in the seed's templates (zh and en).

export const ZH_REVIEW_COMPLETE = `---
template: review
---

# RTX 4090 深度评测：性能、成本与最佳实践

## 📋 目录

1. 产品概述
2. 技术规格分析
3. 性能测试
4. 成本效益分析
5. 最佳实践
6. 总结与建议

## 🎯 核心要点

- 数据驱动的性能分析

## 1. 产品概述

RTX 4090 是 Ada Lovelace 架构的旗舰显卡。

## 2. 技术规格分析

| 项目 | 数值 |
|---|---|
| 显存 | 24 GB |

## 3. 性能测试

| 模型 | tokens/s |
|---|---:|
| Llama 3 8B | 120 |

## 4. 成本效益分析

| 方案 | 每小时 |
|---|---:|
| 云端 | 0.69 |

## 5. 最佳实践

开启持久模式。

## 6. 总结与建议

值得购买。
`;

/** The same review without its 成本效益分析 section (heading, table and contents entry). */
export const ZH_REVIEW_MISSING_COST = ZH_REVIEW_COMPLETE
  .replace('4. 成本效益分析\n5. 最佳实践\n6. 总结与建议', '4. 最佳实践\n5. 总结与建议')
  .replace(/## 4\. 成本效益分析\n\n\| 方案 \| 每小时 \|\n\|---\|---:\|\n\| 云端 \| 0.69 \|\n\n/, '')
  .replace('## 5. 最佳实践', '## 4. 最佳实践')
  .replace('## 6. 总结与建议', '## 5. 总结与建议');

export const EN_TUTORIAL_COMPLETE = `---
template: tutorial
---

# From scratch: a complete vLLM deployment guide

## Contents

1. Prerequisites
2. Basic configuration
3. Core implementation
4. Performance optimization
5. Monitoring and maintenance
6. Troubleshooting

## Key takeaways

- Reproducible steps

## 1. Prerequisites

A GPU with 24 GB.

## 2. Basic configuration

\`\`\`bash
pip install vllm
\`\`\`

## 3. Core implementation

\`\`\`bash
vllm serve meta-llama/Llama-3.1-8B-Instruct
\`\`\`

## 4. Performance optimization

Use tensor parallelism.

## 5. Monitoring and maintenance

Watch GPU memory.

## 6. Troubleshooting

Lower the context length when memory runs out.
`;
