// The block of memory an analysis worker shares with its pool: while a batch runs, which chunk and which rule the
// worker is in, and which batches the pool has cancelled. A module of its own so that the pool's side does not load
// the worker's (which loads the analysis).

/** Slots of the shared block (Int32Array). */
export const SLOT = { batch: 0, job: 1, phase: 2, phaseAt: 3, cancelFirst: 4, cancelCount: 8 } as const;
export const SHARED_SLOTS = SLOT.cancelFirst + SLOT.cancelCount;
