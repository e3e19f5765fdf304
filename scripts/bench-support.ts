import { execFileSync } from 'node:child_process';

/**
 * A PostGIS server for benchmarks: BENCH_DATABASE_URL or TEST_DATABASE_URL if set, otherwise the
 * throwaway cluster of scripts/postgis-server.sh (started on demand).
 */
export function postgisServerUrl(): string {
  const configured = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (configured) return configured;
  return execFileSync('scripts/postgis-server.sh', ['start'], { encoding: 'utf8' }).trim();
}

export { adminQuery, temporaryDatabase } from '../tests/helpers/postgres-admin';

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export const ms = (value: number) => `${value.toFixed(0)} ms`;

/** Prints rows as an aligned text table. */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

/** Value of `--name value` on the command line, or the fallback. */
export function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}
