'use client';

import { useEffect, useState } from 'react';
import { chinaToday, lastDayOfMonth } from '@/lib/time';
import { useT } from './i18n-context';

/**
 * Date and month pickers as 年 / 月 / 日 selects. The browser's own <input type="date"> follows the browser's
 * language, not the page's, so an office PC set up in English would show mm/dd/yyyy on a Chinese page.
 * Values are `YYYY-MM-DD` (or `YYYY-MM`) strings, '' for none, as the native inputs gave them.
 */
interface Parts {
  year: number | null;
  month: number | null;
  day: number | null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const thisYear = () => Number(chinaToday().slice(0, 4));

function partsOf(value: string): Parts {
  const [year, month, day] = value.split('-').map(Number);
  return { year: year || null, month: month || null, day: day || null };
}

function years(min: string | undefined, max: string | undefined, value: string): number[] {
  const now = thisYear();
  let from = min ? Number(min.slice(0, 4)) : now - 6;
  let to = max ? Number(max.slice(0, 4)) : now + 3;
  const chosen = Number(value.slice(0, 4));
  if (chosen) {
    from = Math.min(from, chosen);
    to = Math.max(to, chosen);
  }
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

interface FieldProps {
  value: string;
  onChange(value: string): void;
  min?: string;
  max?: string;
  /** Whether no date is a valid choice (filters): each select then has an empty entry. */
  optional?: boolean;
  disabled?: boolean;
  /** What the date is, for screen readers (the visible label is the caller's). */
  label: string;
  testId?: string;
}

function PartSelect(props: {
  value: number | null;
  options: number[];
  unit: string;
  optional: boolean;
  disabled?: boolean;
  label: string;
  testId?: string;
  outOfRange(option: number): boolean;
  onChange(value: number | null): void;
}) {
  return (
    <span className="date-part">
      <select
        value={props.value ?? ''}
        disabled={props.disabled}
        aria-label={props.label}
        data-testid={props.testId}
        onChange={(e) => props.onChange(e.target.value ? Number(e.target.value) : null)}
      >
        {(props.optional || props.value === null) && <option value="">—</option>}
        {props.options.map((option) => (
          <option key={option} value={option} disabled={props.outOfRange(option)}>
            {option}
          </option>
        ))}
      </select>
      {props.unit}
    </span>
  );
}

/** Keeps the parts a person has chosen so far, and follows the value when the caller changes it. */
function useParts(value: string): [Parts, (parts: Parts) => void] {
  const [parts, setParts] = useState(() => partsOf(value));
  useEffect(() => setParts(partsOf(value)), [value]);
  return [parts, setParts];
}

export function DateField({ value, onChange, min, max, optional = false, disabled, label, testId }: FieldProps) {
  const t = useT();
  const [parts, setParts] = useParts(value);
  const daysIn = parts.year && parts.month ? Number(lastDayOfMonth(parts.year, parts.month).slice(8)) : 31;
  const choose = (next: Parts) => {
    const last = next.year && next.month ? Number(lastDayOfMonth(next.year, next.month).slice(8)) : 31;
    const fixed = { ...next, day: next.day && next.day > last ? last : next.day };
    setParts(fixed);
    if (fixed.year && fixed.month && fixed.day) onChange(`${fixed.year}-${pad(fixed.month)}-${pad(fixed.day)}`);
    else if (optional) onChange('');
  };
  const outside = (candidate: string, length: number) =>
    Boolean((min && candidate < min.slice(0, length)) || (max && candidate > max.slice(0, length)));
  return (
    <fieldset className="date-field" aria-label={label} data-testid={testId} data-value={value}>
      <PartSelect
        value={parts.year}
        options={years(min, max, value)}
        unit={t('date.year')}
        optional={optional}
        disabled={disabled}
        label={`${label} ${t('date.part.year')}`}
        outOfRange={(year) => outside(String(year), 4)}
        onChange={(year) => choose({ ...parts, year })}
      />
      <PartSelect
        value={parts.month}
        options={Array.from({ length: 12 }, (_, i) => i + 1)}
        unit={t('date.month')}
        optional={optional}
        disabled={disabled}
        label={`${label} ${t('date.part.month')}`}
        outOfRange={(month) => parts.year !== null && outside(`${parts.year}-${pad(month)}`, 7)}
        onChange={(month) => choose({ ...parts, month })}
      />
      <PartSelect
        value={parts.day}
        options={Array.from({ length: daysIn }, (_, i) => i + 1)}
        unit={t('date.day')}
        optional={optional}
        disabled={disabled}
        label={`${label} ${t('date.part.day')}`}
        outOfRange={(day) => parts.year !== null && parts.month !== null && outside(`${parts.year}-${pad(parts.month)}-${pad(day)}`, 10)}
        onChange={(day) => choose({ ...parts, day })}
      />
    </fieldset>
  );
}

/** A month (`YYYY-MM`) as 年 / 月 selects. */
export function MonthField({ value, onChange, min, max, disabled, label, testId }: Omit<FieldProps, 'optional'>) {
  const t = useT();
  const [parts, setParts] = useParts(value);
  const choose = (next: Parts) => {
    setParts(next);
    if (next.year && next.month) {
      const month = `${next.year}-${pad(next.month)}`;
      // A year change can land past the last month allowed: take the nearest allowed month instead.
      onChange(max && month > max ? max : min && month < min ? min : month);
    }
  };
  const outside = (candidate: string) =>
    Boolean((min && candidate < min.slice(0, candidate.length)) || (max && candidate > max.slice(0, candidate.length)));
  return (
    <fieldset className="date-field" aria-label={label} data-testid={testId} data-value={value}>
      <PartSelect
        value={parts.year}
        options={years(min, max, value)}
        unit={t('date.year')}
        optional={false}
        disabled={disabled}
        label={`${label} ${t('date.part.year')}`}
        outOfRange={(year) => outside(String(year))}
        onChange={(year) => choose({ ...parts, year })}
      />
      <PartSelect
        value={parts.month}
        options={Array.from({ length: 12 }, (_, i) => i + 1)}
        unit={t('date.month')}
        optional={false}
        disabled={disabled}
        label={`${label} ${t('date.part.month')}`}
        outOfRange={(month) => parts.year !== null && outside(`${parts.year}-${pad(month)}`)}
        onChange={(month) => choose({ ...parts, month })}
      />
    </fieldset>
  );
}
