import { test } from 'node:test';
import assert from 'node:assert/strict';
import { untilSettled } from './signals';

test('a listener added for some work hears the abort while the work runs, and is gone once it settles', async () => {
  const controller = new AbortController();
  const heard: string[] = [];
  let finish!: (value: string) => void;
  const running = untilSettled(new Promise<string>((resolve) => (finish = resolve)), controller.signal, () => heard.push('running'));
  const failed = untilSettled(Promise.reject(new Error('no')), controller.signal, () => heard.push('failed'));
  await assert.rejects(failed, /no/);
  const done = untilSettled(Promise.resolve('done'), controller.signal, () => heard.push('done'));
  assert.equal(await done, 'done');
  await new Promise((resolve) => setImmediate(resolve));
  controller.abort();
  assert.deepEqual(heard, ['running'], 'only the work still running hears it');
  finish('ok');
  assert.equal(await running, 'ok');
});
