import type { BaseField } from '../../domain/base-fields';
import { parseMonths } from '../../domain/months';
import { enumLabel, type Locale } from '../../i18n';
import { say } from '../../i18n/say';
import { isPlausibleDate } from '../../time';
import type { SourceValue } from '../geo/types';
import { normaliseHeader } from './mapping';

/** A file value converted to the field's type: the value as forms send it (references by code), or why not. */
export type Converted = { ok: true; value: unknown } | { ok: false; code: 'unknown_value' | 'bad_value'; message: string };

const TRUE = new Set(['true', 't', '1', 'y', 'yes', '是', '有', '√', '✓', '对']);
const FALSE = new Set(['false', 'f', '0', 'n', 'no', '否', '无', '没有', '×', '✗']);
const LOCALES: Locale[] = ['zh-CN', 'en'];

const ok = (value: unknown): Converted => ({ ok: true, value });
const bad = (field: BaseField, raw: SourceValue, expected: string, expectedEn: string): Converted => ({
  ok: false,
  code: 'bad_value',
  message: say(`${field.zh}“${raw}”不是${expected}`, `${field.en} "${raw}" is not ${expectedEn}`),
});

/** True when a cell holds nothing: empty cells leave a stored value as it is, and take the default when new. */
export function isEmptyValue(raw: SourceValue | undefined): boolean {
  return raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '');
}

function toNumber(raw: SourceValue): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  const text = String(raw).normalize('NFKC').trim().replace(/,/g, '');
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : null;
}

/** The stored code an enumeration value stands for: the code, an alias, or a label in either language. */
export function enumCode(field: BaseField, raw: string): string | undefined {
  const wanted = normaliseHeader(raw);
  const values = field.values ?? [];
  const direct = values.find((value) => normaliseHeader(value) === wanted);
  if (direct) return direct;
  const alias = Object.entries(field.valueAliases ?? {}).find(([name]) => normaliseHeader(name) === wanted);
  if (alias) return alias[1];
  return values.find((value) =>
    LOCALES.some((locale) => normaliseHeader(enumLabel(locale, field.enumGroup ?? field.column, value)) === wanted),
  );
}

function parseDate(raw: SourceValue): string | null {
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(String(raw).normalize('NFKC').trim());
  if (!match) return null;
  const date = `${match[1]}-${match[2]?.padStart(2, '0')}-${match[3]?.padStart(2, '0')}`;
  return isPlausibleDate(date) ? date : null;
}

/** Converts one non-empty cell to the field's type. Ranges and lengths are checked afterwards by the edit schema. */
export function convertValue(field: BaseField, raw: SourceValue): Converted {
  switch (field.type) {
    case 'text':
    case 'reference':
      return ok(String(raw).trim());
    case 'integer': {
      const value = toNumber(raw);
      return value !== null && Number.isInteger(value) ? ok(value) : bad(field, raw, '整数', 'a whole number');
    }
    case 'number': {
      const value = toNumber(raw);
      return value !== null ? ok(value) : bad(field, raw, '数字', 'a number');
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return ok(raw);
      const text = normaliseHeader(String(raw));
      if (TRUE.has(text)) return ok(true);
      if (FALSE.has(text)) return ok(false);
      return bad(field, raw, '是/否', 'yes/no');
    }
    case 'date': {
      const value = parseDate(raw);
      return value ? ok(value) : bad(field, raw, '2000–2099 年间的日期（年-月-日）', 'a date of 2000–2099 (year-month-day)');
    }
    case 'months': {
      const value = parseMonths(String(raw));
      return value ? ok(value) : bad(field, raw, '月份（如 1-12 或 11,12,1,2）', 'months (such as 1-12 or 11,12,1,2)');
    }
    case 'enum': {
      const value = enumCode(field, String(raw));
      if (value) return ok(value);
      return {
        ok: false,
        code: 'unknown_value',
        message: say(
          `${field.zh}没有“${raw}”这一项；可选：${field.values?.join('、')}`,
          `${field.en} has no value "${raw}"; choose one of ${field.values?.join(', ')}`,
        ),
      };
    }
  }
}
