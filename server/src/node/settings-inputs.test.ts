import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadRootSettings } from '../services/settings';
import { settingsFingerprint, settingsInputPaths } from './settings-inputs';

function workspace(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'bp-inputs-'));
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  };
  write('.benchpress/config.json', '{ "language": "en" }');
  write('.benchpress/templates/review.md', '# [产品名称] 评测\n\n## 概述\n');
  write('.benchpress/topics.csv', 'rank,topic,heat,relevance,views,status\n1,h100,173,1.05,9.9K,🔶\n');
  write('.benchpress/gpus.json', '{ "gpus": [] }');
  write('.benchpress/prices.json', '{ "prices": [] }');
  write('.benchpress/.cache/runpod-prices.json', '{}');
  return root;
}

test('the settings fingerprint names every file that loading the settings reads', async () => {
  const root = workspace();
  const read: string[] = [];
  const original = { readFile: fs.readFile, readdir: fs.readdir, open: fs.open };
  const spy = <T extends (...args: never[]) => unknown>(name: keyof typeof original, fn: T) =>
    ((...args: Parameters<T>) => {
      read.push(String(args[0]));
      return fn(...args);
    }) as unknown as T;
  try {
    fs.readFile = spy('readFile', original.readFile);
    fs.readdir = spy('readdir', original.readdir);
    fs.open = spy('open', original.open);
    await loadRootSettings(root);
  } finally {
    Object.assign(fs, original);
  }
  const { files, templatesDir } = settingsInputPaths(root);
  const inRoot = read.filter((p) => path.resolve(p).startsWith(root + path.sep));
  assert.ok(inRoot.length >= 6, inRoot.join(', '));
  for (const p of inRoot) assert.ok(files.includes(path.resolve(p)) || path.resolve(p) === templatesDir || path.dirname(path.resolve(p)) === templatesDir, `${p} is read by the settings but not in the fingerprint`);
  rmSync(root, { recursive: true, force: true });
});

test('the fingerprint changes with any input file, a template added, and an explicit config file', async () => {
  const root = workspace();
  try {
    const before = JSON.stringify(await settingsFingerprint(root));
    assert.equal(JSON.stringify(await settingsFingerprint(root)), before);
    writeFileSync(path.join(root, '.benchpress/templates/extra.md'), '# X\n');
    const withTemplate = JSON.stringify(await settingsFingerprint(root));
    assert.notEqual(withTemplate, before);
    writeFileSync(path.join(root, '.benchpress/gpus.json'), '{ "gpus": [1] }');
    assert.notEqual(JSON.stringify(await settingsFingerprint(root)), withTemplate);
    const other = path.join(root, 'other.json');
    writeFileSync(other, '{}');
    assert.ok(Object.keys(await settingsFingerprint(root, { configFile: other })).includes(other));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
