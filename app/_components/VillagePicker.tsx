'use client';

import { type KeyboardEvent, useId, useMemo, useState } from 'react';
import { useT } from './i18n-context';

export interface PickableVillage {
  code: string;
  name: string;
}

export interface VillagePickerProps {
  villages: readonly PickableVillage[];
  /** The chosen village codes. */
  value: readonly string[];
  onChange(codes: string[]): void;
  /** The label the search box is known by (its visible label is the caller's). */
  label: string;
  /** One village only (a village officer): picking one replaces the chosen. */
  single?: boolean;
  testId?: string;
}

/**
 * Chooses villages: the chosen ones as chips (each with a remove button), a search box that filters the rest by
 * name or code, and a list to pick from. Keyboard: ↓/↑ move through the list, Enter picks, Esc closes it,
 * Backspace in an empty box removes the last chip.
 */
export function VillagePicker({ villages, value, onChange, label, single = false, testId = 'village-picker' }: VillagePickerProps) {
  const t = useT();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const byCode = useMemo(() => new Map(villages.map((village) => [village.code, village])), [villages]);
  const matches = useMemo(() => {
    const text = query.trim().toLowerCase();
    return villages.filter(
      (village) =>
        !value.includes(village.code) && (text === '' || village.name.toLowerCase().includes(text) || village.code.includes(text)),
    );
  }, [villages, value, query]);

  const pick = (code: string) => {
    onChange(single ? [code] : [...value, code]);
    setQuery('');
    setActive(0);
  };
  const remove = (code: string) => onChange(value.filter((chosen) => chosen !== code));

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => (matches.length === 0 ? 0 : (index + step + matches.length) % matches.length));
    } else if (event.key === 'Enter') {
      const chosen = matches[Math.min(active, matches.length - 1)];
      if (open && chosen) {
        event.preventDefault();
        pick(chosen.code);
      }
    } else if (event.key === 'Escape') {
      setOpen(false);
    } else if (event.key === 'Backspace' && query === '' && value.length > 0 && !single) {
      remove(value[value.length - 1] as string);
    }
  };

  const shown = open ? matches : [];
  const activeOption = shown[Math.min(active, shown.length - 1)];
  return (
    <div className="village-picker" data-testid={testId}>
      <ul className="village-chips" aria-label={t('villagePicker.chosen')}>
        {value.map((code) => (
          <li key={code} className="village-chip" data-testid="village-chip" data-code={code}>
            {byCode.get(code)?.name ?? code}
            {!(single && value.length === 1) && (
              <button
                type="button"
                onClick={() => remove(code)}
                aria-label={t('villagePicker.remove').replace('{name}', byCode.get(code)?.name ?? code)}
                data-testid="village-chip-remove"
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      <input
        type="search"
        role="combobox"
        aria-label={label}
        aria-expanded={shown.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeOption ? `${listId}-${activeOption.code}` : undefined}
        placeholder={t(single ? 'villagePicker.searchOne' : 'villagePicker.search')}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        data-testid="village-search"
      />
      <div id={listId} role="listbox" className="village-options" hidden={shown.length === 0} aria-label={label}>
        {shown.map((village) => (
          <div
            key={village.code}
            id={`${listId}-${village.code}`}
            role="option"
            // The focus stays in the search box (aria-activedescendant names the active option).
            tabIndex={-1}
            aria-selected={village === activeOption}
            className={village === activeOption ? 'active' : ''}
            // Picking on mousedown keeps the focus in the box (a click would blur it and close the list first).
            onMouseDown={(event) => {
              event.preventDefault();
              pick(village.code);
            }}
            data-testid="village-option"
          >
            {village.name} <span className="muted">{village.code}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
