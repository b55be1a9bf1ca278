import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Suggester, closest } from './closest';

test('Suggester answers exactly as closest() does, ties and case included', () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const word = (n: number) => Array.from({ length: n }, () => 'abcdeAB-1'[Math.floor(rand() * 9)]).join('');
  for (let round = 0; round < 40; round++) {
    const candidates = Array.from({ length: 1 + Math.floor(rand() * 60) }, () => word(1 + Math.floor(rand() * 12)));
    const suggester = new Suggester(candidates);
    for (let q = 0; q < 40; q++) {
      const target = rand() < 0.3 ? candidates[Math.floor(rand() * candidates.length)].slice(0, 1 + Math.floor(rand() * 6)) : word(1 + Math.floor(rand() * 12));
      assert.equal(suggester.closest(target), closest(target, candidates), `${target} in ${JSON.stringify(candidates)}`);
    }
  }
});

test('Suggester: thousands of targets against thousands of candidates stay within its budget', () => {
  const candidates = Array.from({ length: 10_000 }, (_, i) => `ref-${i}`);
  const suggester = new Suggester(candidates, 50_000);
  assert.equal(suggester.closest('ref-12x'), closest('ref-12x', candidates));
  // Spent: later targets get no suggestion rather than costing candidates × targets.
  for (let i = 0; i < 10_000; i++) suggester.closest(`missing-${i}`);
  assert.equal(suggester.closest('ref-99999'), undefined);
});
