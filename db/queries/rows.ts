/**
 * The one row of a query that always answers exactly one: an aggregate without GROUP BY, or an UPDATE …
 * RETURNING of a row locked earlier in the same transaction. No row means a broken query, not missing data.
 */
export function singleRow<T>(result: { rows: T[] }): T {
  const [row] = result.rows;
  if (row === undefined) throw new Error('a query that always answers one row answered none');
  return row;
}
