/**
 * Removes the first occurrence of `item` from `list`, keeping the order of the rest; returns whether it was there.
 * The working orders of a contract are kept in arrays in time order, and one leaves on every fill or cancel:
 * `splice` builds an array of the removed items each time and costs more than the rest of the removal.
 */
export function removeItem<T>(list: T[], item: T): boolean {
  const i = list.indexOf(item);
  if (i < 0) return false;
  for (let k = i + 1; k < list.length; k++) list[k - 1] = list[k]!;
  list.pop();
  return true;
}
