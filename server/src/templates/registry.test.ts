// The build parses the built-in templates once and gives the bundles the result as JSON (scripts/build.mjs,
// BENCHPRESS_BUILTIN_TEMPLATES): a template must come through JSON as it is, or the shipped build would check
// drafts against something else than the sources do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinTemplates, parseBuiltinTemplates } from './registry';

test('the built-in templates come through JSON unchanged, and from source they are the parsed skeletons', () => {
  const parsed = parseBuiltinTemplates();
  assert.deepEqual(parsed.map((t) => t.id), ['review', 'tutorial']);
  assert.ok(parsed.every((t) => t.sections.length > 3), 'each skeleton has its sections');
  assert.deepEqual(JSON.parse(JSON.stringify(parsed)), parsed);
  assert.deepEqual(builtinTemplates(), parsed);
});
