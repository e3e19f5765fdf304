// Checked list access: the generator never indexes out of range, and says so loudly if it ever does
// (the project compiles with noUncheckedIndexedAccess).

export function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`index ${index} out of range (length ${items.length})`);
  return item;
}

export function first<T>(items: readonly T[]): T {
  return at(items, 0);
}

export function last<T>(items: readonly T[]): T {
  return at(items, items.length - 1);
}

/** Element [i][j] of a list of lists. */
export function at2<T>(grid: readonly (readonly T[])[], i: number, j: number): T {
  return at(at(grid, i), j);
}
