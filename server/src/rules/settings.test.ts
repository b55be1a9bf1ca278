// Rule settings in layers (the workspace's `rules`, then each matching `overrides` entry): for each rule the last
// layer that says anything about it decides, by its most specific entry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RuleSetting } from '../config/config';
import { mergeRuleLayers, mostSpecific } from './settings';

const effective = (id: string, ...layers: Record<string, RuleSetting>[]) => mostSpecific(id, mergeRuleLayers(layers[0], ...layers.slice(1)));

test("a later group setting beats an earlier exact one; the earlier layer's other rules stay", () => {
  const base = { 'links/missing-anchor': 'error', 'heat/title-missing-topic': 'info' } as Record<string, RuleSetting>;
  assert.equal(effective('links/missing-anchor', base, { links: 'off' }), 'off');
  assert.equal(effective('links/missing-file', base, { links: 'off' }), 'off');
  assert.equal(effective('heat/title-missing-topic', base, { links: 'off' }), 'info');
});

test('a later exact setting beats an earlier group one, for that rule only', () => {
  const base = { links: 'off' } as Record<string, RuleSetting>;
  assert.equal(effective('links/missing-anchor', base, { 'links/missing-anchor': 'error' }), 'error');
  assert.equal(effective('links/missing-file', base, { 'links/missing-anchor': 'error' }), 'off');
});

test('within one layer the most specific entry still wins; later layers win over earlier ones', () => {
  assert.equal(effective('links/missing-anchor', {}, { links: 'off', 'links/missing-anchor': 'hint' }), 'hint');
  assert.equal(effective('links/missing-anchor', {}, { links: 'off' }, { links: 'warning' }), 'warning');
  assert.deepEqual(effective('remark-lint/list-item-indent', { 'remark-lint/list-item-indent': ['warning', 'one'] }, { 'remark-lint': 'error' }), 'error');
  assert.equal(effective('links/missing-anchor', {}), undefined);
});

test('the layers given are not changed', () => {
  const base = { 'links/missing-anchor': 'error' } as Record<string, RuleSetting>;
  mergeRuleLayers(base, { links: 'off' });
  assert.deepEqual(base, { 'links/missing-anchor': 'error' });
});
