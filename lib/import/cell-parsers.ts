import { enumLabel, LOCALES } from '../i18n';
import { say } from '../i18n/say';
import { DATE_LIMITS, isPlausibleDate } from '../time';

/** A cell that could not be read: the message for the import report. */
export class CellError extends Error {}

const pad = (value: string | undefined) => (value ?? '').padStart(2, '0');
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A date cell as YYYY-MM-DD. Accepts 2026-03-01, 2026/3/1, 2026.3.1, 2026年3月1日 (a time after it is
 * ignored), and an Excel serial day number (46082) left by a cell that lost its date format.
 */
export function parseDateCell(text: string): string {
  const value = text.trim();
  const date = writtenDate(value);
  if (date === null)
    throw new CellError(
      say(`“${value.slice(0, 30)}”不是日期（请写成 2026-03-01）`, `"${value.slice(0, 30)}" is not a date (write it as 2026-03-01)`),
    );
  if (!isPlausibleDate(date))
    throw new CellError(
      say(
        `“${value.slice(0, 30)}”不是 ${DATE_LIMITS.from} 到 ${DATE_LIMITS.to} 之间的日期`,
        `"${value.slice(0, 30)}" is not a date between ${DATE_LIMITS.from} and ${DATE_LIMITS.to}`,
      ),
    );
  return date;
}

/** The YYYY-MM-DD a cell writes, or null when it writes no date at all. */
function writtenDate(value: string): string | null {
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(value);
  if (match) return `${match[1]}-${pad(match[2])}-${pad(match[3])}`;
  if (/^\d{5}$/.test(value)) return new Date(EXCEL_EPOCH + Number(value) * 86_400_000).toISOString().slice(0, 10);
  return null;
}

export function parseNumberCell(text: string): number {
  const value = Number(text.trim().normalize('NFKC'));
  if (text.trim() === '' || !Number.isFinite(value))
    throw new CellError(say(`“${text.trim().slice(0, 30)}”不是数字`, `"${text.trim().slice(0, 30)}" is not a number`));
  return value;
}

/**
 * Reads an enumerated cell given as the code (`major`), its Chinese or English label (重大隐患, Major hazard)
 * or an extra alias (重大).
 */
export function enumCellReader(group: string, codes: readonly string[], extra: Record<string, string> = {}) {
  const lookup = new Map<string, string>();
  const key = (text: string) => text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');
  for (const code of codes) {
    lookup.set(key(code), code);
    for (const locale of LOCALES) lookup.set(key(enumLabel(locale, group, code)), code);
  }
  for (const [alias, code] of Object.entries(extra)) lookup.set(key(alias), code);
  const labels = codes.map((code) => enumLabel('zh-CN', group, code));
  return (text: string): string => {
    const code = lookup.get(key(text));
    if (!code)
      throw new CellError(
        say(
          `“${text.trim().slice(0, 30)}”不是 ${labels.join('、')} 之一`,
          `"${text.trim().slice(0, 30)}" is not one of ${labels.join('、')}`,
        ),
      );
    return code;
  };
}
