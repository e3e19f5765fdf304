'use client';

import { useEffect, useState } from 'react';
import type { OutboxTarget } from '@/lib/field/outbox-types';
import { chinaDateTime } from '@/lib/time';
import { useT } from '../i18n-context';
import { untouched, useOutbox } from './OutboxContext';

/** A building's equipment as recorded now. */
export interface BuildingEquipmentState {
  hasSmokeAlarm: boolean;
  hasExtinguisher: boolean;
}

/** The latest check of a record: who looked and when (a UTC instant). */
export interface LastCheck {
  checkedBy: string;
  observedAt: string;
}

const NOTE_MAX = 500;

/** Two large options, one of them chosen: a radio group a thumb can hit (each option at least 44 px high). */
function Choice({
  name,
  legend,
  value,
  labels,
  onChange,
}: {
  name: string;
  legend: string;
  value: boolean;
  labels: [yes: string, no: string];
  onChange(value: boolean): void;
}) {
  return (
    <fieldset className="fc-choice" data-testid={`check-${name}`} data-value={value}>
      <legend>{legend}</legend>
      <div className="fc-options">
        {([true, false] as const).map((option) => (
          <label key={String(option)} className={`fc-option${value === option ? ' fc-on' : ''}`}>
            <input
              type="radio"
              name={name}
              checked={value === option}
              onChange={() => onChange(option)}
              data-testid={`check-${name}-${option ? 'yes' : 'no'}`}
            />
            {labels[option ? 0 : 1]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * 现场核查 of a building: smoke alarm and extinguisher as seen on site (pre-set from what is recorded), a note,
 * and save. The check goes to the outbox with the moment it was made, so it works without a signal; the line
 * under the button follows the outbox item (待同步 → 已同步).
 */
export function FieldCheckForm({
  target,
  label,
  current,
  lastCheck,
  checkerName,
}: {
  target: OutboxTarget;
  label: string;
  current: BuildingEquipmentState;
  lastCheck: LastCheck | null;
  /** Who is checking, as the last check shows them once saved (else 我). */
  checkerName?: string;
}) {
  const t = useT();
  const { outbox, items, submit } = useOutbox();
  const [smokeAlarm, setSmokeAlarm] = useState(current.hasSmokeAlarm);
  const [extinguisher, setExtinguisher] = useState(current.hasExtinguisher);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [mine, setMine] = useState<{ id: string; observedAt: string } | null>(null);
  const item = mine ? items.find((candidate) => candidate.id === mine.id) : undefined;

  // A check refused outright (nothing reached the server) is said here and taken out of the outbox.
  useEffect(() => {
    if (item?.state !== 'failed') return;
    setError(item.error);
    if (untouched(item)) {
      void outbox?.discard(item.id);
      setMine(null);
    }
  }, [item, outbox]);

  const save = async () => {
    setBusy(true);
    setError(null);
    const observedAt = new Date().toISOString();
    try {
      const body = { observed_at: observedAt, has_smoke_alarm: smokeAlarm, has_extinguisher: extinguisher, note: note.trim() };
      const stored = await submit({ kind: 'field-check', hazardId: null, target, label, body, photos: [] });
      setMine({ id: stored.id, observedAt });
      setNote('');
    } catch (failure) {
      setError(String(failure));
    } finally {
      setBusy(false);
    }
  };

  const shownCheck = mine ? { checkedBy: checkerName ?? t('check.me'), observedAt: mine.observedAt } : lastCheck;
  return (
    <section className="fc-form" data-testid="field-check" aria-labelledby="fc-title">
      <h3 id="fc-title">{t('check.title')}</h3>
      <div className="fc-last" data-testid="field-check-last">
        {shownCheck ? (
          <>
            {t('check.last')}：{shownCheck.checkedBy} · {chinaDateTime(shownCheck.observedAt)}
          </>
        ) : (
          t('check.none')
        )}
      </div>
      <Choice
        name="smoke-alarm"
        legend={t('check.smokeAlarm')}
        value={smokeAlarm}
        labels={[t('check.installed'), t('check.notInstalled')]}
        onChange={setSmokeAlarm}
      />
      <Choice
        name="extinguisher"
        legend={t('check.extinguisher')}
        value={extinguisher}
        labels={[t('check.has'), t('check.hasNot')]}
        onChange={setExtinguisher}
      />
      <label className="field fc-note">
        {t('check.note')}
        <textarea
          value={note}
          maxLength={NOTE_MAX}
          rows={2}
          placeholder={t('check.notePlaceholder')}
          onChange={(event) => setNote(event.target.value)}
          data-testid="check-note"
        />
      </label>
      <button type="button" className="primary fc-save" disabled={busy || !outbox} onClick={() => void save()} data-testid="check-save">
        {busy ? t('check.saving') : t('check.save')}
      </button>
      {item && item.state !== 'failed' && (
        <div className={`fc-state fo-${item.state}`} role="status" data-testid="field-check-state" data-state={item.state}>
          {item.state === 'synced' ? t('check.synced') : t('check.pending')}
        </div>
      )}
      {error && (
        <div className="hz-error" role="alert" data-testid="field-check-error">
          {error}
        </div>
      )}
    </section>
  );
}

interface CheckHistory {
  target: { has_smoke_alarm: boolean; has_extinguisher: boolean };
  field_checks: { checked_by_name: string; observed_at: string }[];
}

/**
 * The field check of a building shown elsewhere (a hazard's linked building): its current equipment and last
 * check are read first, then the same form. Without a signal the answer the service worker kept is used.
 */
export function BuildingFieldCheck({ buildingId, label }: { buildingId: number; label: string }) {
  const t = useT();
  const [history, setHistory] = useState<CheckHistory | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    void fetch(`/api/v1/buildings/${buildingId}/field-checks`, { signal: abort.signal })
      .then(async (response) => {
        const body = await response.json();
        if (response.ok) setHistory(body as CheckHistory);
        else setError(String(body?.error ?? response.status));
      })
      .catch((failure) => {
        if (!abort.signal.aborted) setError(String(failure));
      });
    return () => abort.abort();
  }, [buildingId]);
  if (error)
    return (
      <div className="hz-error" role="alert">
        {error}
      </div>
    );
  if (!history) return <div className="hz-hint">{t('hz.loading')}</div>;
  const [last] = history.field_checks;
  return (
    <FieldCheckForm
      target={{ kind: 'building', id: buildingId }}
      label={label}
      current={{ hasSmokeAlarm: history.target.has_smoke_alarm, hasExtinguisher: history.target.has_extinguisher }}
      lastCheck={last ? { checkedBy: last.checked_by_name, observedAt: last.observed_at } : null}
    />
  );
}
