// Calendar arithmetic on whole days (UTC day numbers), formatting to YYYY-MM-DD and ISO timestamps (+08:00).

const DAY_MS = 86_400_000;

export function dayNumber(isoDate: string): number {
  const [year = 1970, month = 1, day = 1] = isoDate.split('-').map((part) => Number.parseInt(part, 10));
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO timestamp in China Standard Time for a day number and minutes after midnight. */
export function timestamp(day: number, minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const mins = Math.floor(minutes % 60);
  return `${formatDay(day)}T${String(hours).padStart(2, '0')}:${String(mins).padStart(2, '0')}:00+08:00`;
}

export function monthOf(day: number): number {
  return new Date(day * DAY_MS).getUTCMonth() + 1;
}

export function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}
