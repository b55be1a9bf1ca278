// The built-in "review" template, from the content team's planning document (headings verbatim), as a skeleton
// in the team-template format (see ../template.ts).
export default `
---
name: 技术评测 · Technical review
description: 产品深度评测：规格、性能、成本与最佳实践 · An in-depth product review with specs, benchmarks, cost and practice
detect: 评测, 测评, 深度评测, review, benchmark
---

# [产品名称] 深度评测：性能、成本与最佳实践

> title: [Product] review: performance, cost and best practices

## 📋 目录

> aliases: Contents, Table of contents, TOC

## 🎯 核心要点

> aliases: Key takeaways, Key points, Highlights, TL;DR

- 数据驱动的性能分析
- 实际应用场景测试
- 成本对比与ROI计算
- 可操作的优化建议

## 1. 产品概述

> aliases: Overview, Product overview, Introduction

[待补充] 产品定位、目标用户，以及这一代的主要变化。

## 2. 技术规格分析

> aliases: Specifications, Technical specifications, Spec analysis, Specs
> requires: table

[待补充] 关键规格与上一代或竞品的对比表。

## 3. 性能测试

> aliases: Performance tests, Performance testing, Benchmarks, Benchmark results, Performance
> requires: table

[待补充] 测试环境、方法，以及结果表格。

## 4. 成本效益分析

> aliases: Cost-benefit analysis, Cost analysis, Cost and ROI, Pricing and cost
> requires: table

[待补充] 购买或租用成本、每小时价格与 ROI 计算。

## 5. 最佳实践

> aliases: Best practices, Recommendations for use

[待补充] 可操作的配置与优化建议。

## 6. 总结与建议

> aliases: Conclusion and recommendations, Conclusion, Summary, Verdict

[待补充] 结论，以及适合与不适合的用户。
`;
