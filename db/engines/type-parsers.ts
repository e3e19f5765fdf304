/**
 * Postgres type OIDs whose text form we keep as is, on both engines: calendar dates stay
 * `YYYY-MM-DD` (parsing them into a JS Date would shift them by the server's time zone).
 */
const DATE = 1082;
const identity = (value: string) => value;

export const RAW_TYPE_PARSERS: Record<number, (value: string) => unknown> = { [DATE]: identity };
