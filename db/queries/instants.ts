import { type RawBuilder, sql } from 'kysely';

/** A timestamptz column as UTC ISO 8601 text (`2026-03-01T08:00:00Z`), as the API writes every instant. */
export function utcInstant<T extends string | null = string>(column: string): RawBuilder<T> {
  return sql<T>`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
}

/** A value for a jsonb column. */
export function jsonb(value: unknown): RawBuilder<unknown> {
  return sql`${JSON.stringify(value)}::jsonb`;
}
