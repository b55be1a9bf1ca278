// A drop-in replacement for micromark-extension-gfm-table's lib/edit-map.js (2.1.x), bundled in its place by
// scripts/dependency-patches.mjs. The original finds the edit for an event index by scanning every edit made so
// far, so a table's parse is quadratic in its cells (a 2,000-row table took seconds); here a Map finds it. The
// edits, their merging and `consume` are the original's (test/dependency-patches.test.ts compares both).

/**
 * @typedef {[number, number, Array<unknown>]} Change
 */

export class EditMap {
  constructor() {
    /** @type {Array<Change>} */
    this.map = [];
    /** @type {Map<number, Change>} */
    this.byIndex = new Map();
  }

  /**
   * @param {number} index
   * @param {number} remove
   * @param {Array<unknown>} add
   */
  add(index, remove, add) {
    if (remove === 0 && add.length === 0) return;
    const existing = this.byIndex.get(index);
    if (existing) {
      existing[1] += remove;
      for (const event of add) existing[2].push(event);
      return;
    }
    /** @type {Change} */
    const change = [index, remove, add];
    this.map.push(change);
    this.byIndex.set(index, change);
  }

  /** @param {Array<unknown>} events */
  consume(events) {
    this.map.sort((a, b) => a[0] - b[0]);
    if (this.map.length === 0) return;
    let index = this.map.length;
    const vecs = [];
    while (index > 0) {
      index -= 1;
      vecs.push(events.slice(this.map[index][0] + this.map[index][1]), this.map[index][2]);
      events.length = this.map[index][0];
    }
    vecs.push(events.slice());
    events.length = 0;
    let slice = vecs.pop();
    while (slice) {
      for (const element of slice) events.push(element);
      slice = vecs.pop();
    }
    this.map.length = 0;
    this.byIndex.clear();
  }
}
