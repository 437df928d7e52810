/**
 * Removes the first occurrence of `item` from `list`, keeping the order of the rest; returns whether it was there.
 * The working orders of a contract are kept in arrays in time order, and one leaves on every fill or cancel:
 * `splice` builds an array of the removed items each time and costs more than the rest of the removal.
 */
export function removeItem<T>(list: T[], item: T): boolean {
  // A loop rather than indexOf: these lists hold a handful of items, and the builtin's call costs more than the search.
  const n = list.length;
  let i = 0;
  while (i < n && list[i] !== item) i++;
  if (i === n) return false;
  for (let k = i + 1; k < n; k++) list[k - 1] = list[k]!;
  list.pop();
  return true;
}
