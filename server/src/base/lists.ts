// Lists of objects that hot loops read, made so they all have one shape.

/**
 * The empty list of objects. V8 gives an empty array from `map` (or `[]`) another shape than an array of objects
 * (its elements kind: small integers), and arrays from a worker's message yet another (holey): a loop compiled for
 * one shape is compiled again when the next comes (three compilations of the document view's construction, some
 * 65 ms each on V8's helper thread, in the first edits of a session). Shared: no list made here is ever changed.
 */
const NO_ITEMS: never[] = Object.assign([{}], { length: 0 }) as never[];

/**
 * `list.map(make)` as a packed list of objects, built by pushing whatever the shape of `list`, every empty result the
 * same empty list (see NO_ITEMS). Never change the result.
 */
export function mappedList<T, U>(list: readonly T[], make: (item: T) => U): U[] {
  if (list.length === 0) return NO_ITEMS;
  const out: U[] = [];
  for (let i = 0; i < list.length; i++) out.push(make(list[i]));
  return out;
}
