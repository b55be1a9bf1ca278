// The built-in "tutorial" template, from the content team's planning document (headings verbatim), as a skeleton
// in the team-template format (see ../template.ts).
export default `
---
name: 教程 · Tutorial
description: 从零开始的完整部署指南 · A complete step-by-step deployment guide
detect: 教程, 指南, 部署, 从零开始, 入门, tutorial, guide, how to, getting started, deploy
---

# 从零开始：[技术主题] 完整部署指南

> title: From scratch: a complete [Topic] deployment guide
> title: [Topic]: a complete deployment guide

## 📋 目录

> aliases: Contents, Table of contents, TOC

## 🎯 核心要点

> aliases: Key takeaways, Key points, Highlights, TL;DR

- 步骤清晰，可复现
- 包含代码示例
- 常见问题解答
- 性能优化技巧

## 1. 环境准备

> aliases: Prerequisites, Environment setup, Environment preparation, Requirements

[待补充] 硬件、驱动、软件版本与账号准备。

## 2. 基础配置

> aliases: Basic configuration, Configuration, Setup
> requires: code

[待补充] 配置步骤与配置文件示例。

## 3. 核心功能实现

> aliases: Core implementation, Implementation, Core features
> requires: code

[待补充] 完整、可运行的代码示例。

## 4. 性能优化

> aliases: Performance optimization, Performance tuning, Optimization

[待补充] 优化手段与优化前后的对比。

## 5. 监控与维护

> aliases: Monitoring and maintenance, Monitoring, Operations

[待补充] 监控指标、日志与日常维护。

## 6. 故障排除

> aliases: Troubleshooting, FAQ, Common issues

[待补充] 常见问题、原因与解决办法。
`;
