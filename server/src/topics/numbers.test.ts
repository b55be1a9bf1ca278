import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMetric, parseMetric } from './numbers';

test('reads the numbers keyword tools and the seed table write', () => {
  assert.equal(parseMetric('1.1K'), 1100);
  assert.equal(parseMetric('33.1K'), 33100);
  assert.equal(parseMetric('9.9k'), 9900);
  assert.equal(parseMetric('2.4M'), 2_400_000);
  assert.equal(parseMetric('1,234'), 1234);
  assert.equal(parseMetric('1,234,567'), 1_234_567);
  assert.equal(parseMetric('800'), 800);
  assert.equal(parseMetric('6.55'), 6.55);
  assert.equal(parseMetric(' 1K '), 1000);
  assert.equal(parseMetric(173), 173);
});

test('reads Chinese magnitudes and full-width digits', () => {
  assert.equal(parseMetric('1.2万'), 12000);
  assert.equal(parseMetric('3亿'), 300_000_000);
  assert.equal(parseMetric('1.2w'), 12000);
  assert.equal(parseMetric('１．１Ｋ'), 1100);
});

test('anything else is not a number', () => {
  for (const bad of ['', 'abc', '1.1KK', '1,2', '12,34', '-5', 'K', '1.1.1', '🔶', 'N/A']) {
    assert.equal(parseMetric(bad), undefined, bad);
  }
  assert.equal(parseMetric(null), undefined);
  assert.equal(parseMetric(Number.NaN), undefined);
});

test('formats numbers back the way the table shows them', () => {
  assert.equal(formatMetric(1100), '1.1K');
  assert.equal(formatMetric(33100), '33.1K');
  assert.equal(formatMetric(2_400_000), '2.4M');
  assert.equal(formatMetric(800), '800');
  assert.equal(formatMetric(1000), '1K');
  assert.equal(formatMetric(6.55), '6.55');
  assert.equal(formatMetric(999_990), '1M');
  assert.equal(formatMetric(null), '–');
});
