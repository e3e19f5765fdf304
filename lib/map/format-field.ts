import { enumLabel, type Locale, translator } from '../i18n';
import type { FieldFormat } from './layers/types';

/**
 * A property value as the detail card shows it: plain text, never markup (the card renders it as a
 * text node, so hostile names stay inert).
 */
export function formatField(value: unknown, format: FieldFormat, locale: Locale): string {
  const t = translator(locale);
  if (value === null || value === undefined || value === '') return t('value.none');
  if (format === 'bool') return value === true || value === 'true' ? t('value.yes') : t('value.no');
  if (format === 'number') {
    const n = Number(value);
    return Number.isFinite(n) ? n.toLocaleString(locale, { maximumFractionDigits: 2 }) : String(value);
  }
  if (format === 'months') {
    const months = Array.isArray(value) ? value : JSON.parse(String(value));
    if (months.length === 12) return t('value.allYear');
    return `${(months as number[]).join('、')}${t('value.months')}`;
  }
  if (typeof format === 'object') return enumLabel(locale, format.enumGroup, String(value));
  return String(value);
}
