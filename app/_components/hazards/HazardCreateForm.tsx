'use client';

import { useEffect, useState } from 'react';
import { buildingLabel } from '@/lib/analysis/finding-list';
import { HAZARD_CATEGORIES, NOTIFY_METHODS, PLACE_TYPES, SEVERITIES } from '@/lib/domain/enums';
import { DEFAULT_DEADLINE_DAYS } from '@/lib/hazards/deadlines';
import type { HazardPrefill } from '@/lib/hazards/url-state';
import { ruleLabel } from '@/lib/rules/rule-label';
import { addDays, chinaToday } from '@/lib/time';
import { DateField } from '../DateField';
import { untouched, useOutbox } from '../field/OutboxContext';
import { useLocale, useT } from '../i18n-context';
import { EnumOptions } from './EnumOptions';

export interface HazardCreateFormProps {
  prefill: HazardPrefill;
  /** Where the user clicked on the map (lon, lat); null until then. */
  placing: [number, number] | null;
  /** The building clicked when placing it: the hazard is linked to it. */
  buildingId: number | null;
  canVerify: boolean;
  onCancel(): void;
  onCreated(id: number): void;
  /** Stored in the outbox but not yet acknowledged (no signal): it is sent later. */
  onQueued(): void;
}

const pick = <T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T =>
  value && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;

/** A building as the form names it (name with its code, or the code), once it is read; null meanwhile. */
function useBuildingLabel(id: number | null): string | null {
  const [label, setLabel] = useState<string | null>(null);
  useEffect(() => {
    setLabel(null);
    if (id === null) return;
    const abort = new AbortController();
    void fetch(`/api/v1/features/buildings/${id}`, { signal: abort.signal })
      .then((response) => (response.ok ? (response.json() as Promise<GeoJSON.Feature>) : null))
      .then(
        (feature) =>
          feature &&
          setLabel(buildingLabel({ code: String(feature.properties?.code ?? id), name: (feature.properties?.name as string) ?? null })),
      )
      .catch(() => {});
    return () => abort.abort();
  }, [id]);
  return label;
}

/** 新建隐患: place it by clicking the map, fill in the fields; the deadline follows the severity until edited. */
export function HazardCreateForm({ prefill, placing, buildingId, onCancel, onCreated, onQueued }: HazardCreateFormProps) {
  const t = useT();
  const { outbox, submit: submitToOutbox } = useOutbox();
  const [photos, setPhotos] = useState<File[]>([]);
  const locale = useLocale();
  const today = chinaToday();
  const [category, setCategory] = useState(pick(prefill.category, HAZARD_CATEGORIES, 'other'));
  const [placeType, setPlaceType] = useState(pick(prefill.place_type, [...PLACE_TYPES, ''] as const, ''));
  const [severity, setSeverity] = useState(pick(prefill.severity, SEVERITIES, 'general'));
  const [description, setDescription] = useState(prefill.description ?? '');
  const [responsible, setResponsible] = useState('');
  const [foundOn, setFoundOn] = useState(today);
  const [deadline, setDeadline] = useState<string | null>(null);
  const [notifyMethod, setNotifyMethod] = useState('');
  const [notifyOn, setNotifyOn] = useState(today);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A spacing finding's second building stays linked while the hazard stays on the finding's first one.
  const pairedBuildingId = buildingId !== null && buildingId === prefill.building_id ? (prefill.paired_building_id ?? null) : null;
  const building = useBuildingLabel(buildingId);
  const pairedBuilding = useBuildingLabel(pairedBuildingId);

  // Until the user sets it, the deadline is the severity's default (一般 30 天, 重大 90 天) from the found date;
  // then the server applies its own configured default (the request leaves it out).
  const defaultDeadline = foundOn ? addDays(foundOn, DEFAULT_DEADLINE_DAYS[severity]) : '';

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!placing) {
      setError(t('hz.placeFirst'));
      return;
    }
    setBusy(true);
    const body: Record<string, unknown> = {
      category,
      severity,
      description,
      found_on: foundOn,
      location: { lon: placing[0], lat: placing[1] },
      ...(placeType ? { place_type: placeType } : {}),
      ...(responsible.trim() ? { responsible_person: responsible.trim() } : {}),
      ...(deadline ? { deadline } : {}),
      ...(buildingId !== null ? { building_id: buildingId } : {}),
      ...(pairedBuildingId !== null ? { paired_building_id: pairedBuildingId } : {}),
      ...(prefill.rule_id ? { rule_id: prefill.rule_id } : {}),
      ...(prefill.measured !== undefined ? { measured: prefill.measured } : {}),
      ...(notifyMethod ? { notification: { method: notifyMethod, on: notifyOn } } : {}),
    };
    // One path online and offline: the outbox stores it (photos shrunk and hashed) and sends it now if it can.
    try {
      const item = await submitToOutbox({
        kind: 'create',
        hazardId: null,
        label: description.trim().slice(0, 60),
        body,
        photos: photos.map((file) => ({ file, kind: 'before' as const })),
      });
      setBusy(false);
      if (item.state === 'synced' && item.hazardId !== null) onCreated(item.hazardId);
      else if (item.state === 'failed' && untouched(item)) {
        // Refused outright (the form is still open to fix it): nothing reached the server, so nothing is kept.
        await outbox?.discard(item.id);
        setError(item.error ?? t('hz.createFailed'));
      } else onQueued();
    } catch (failure) {
      setBusy(false);
      setError(`${t('hz.createFailed')}: ${String(failure)}`);
    }
  };

  return (
    <aside className="hz-side" data-testid="hazard-create">
      <header className="hz-side-head">
        <div>
          <div className="detail-layer">{t('hz.new')}</div>
          <h3>{t('hz.newTitle')}</h3>
        </div>
        <button type="button" className="close" onClick={onCancel} aria-label={t('hz.close')} data-testid="create-close">
          ×
        </button>
      </header>
      <form className="hz-side-body hz-form" onSubmit={submit}>
        <div className={`hz-place${placing ? ' set' : ''}`} data-testid="create-place">
          {placing ? (
            <>
              <b>{t('hz.placed')}</b> {placing[0].toFixed(6)}, {placing[1].toFixed(6)}
              {buildingId !== null && (
                <div data-testid="create-building">
                  {t('hz.linked.buildings')} · {building ?? `#${buildingId}`}
                </div>
              )}
              {pairedBuildingId !== null && (
                <div data-testid="create-paired-building">
                  {t('hz.linked.pairedBuilding')} · {pairedBuilding ?? `#${pairedBuildingId}`}
                </div>
              )}
              <div className="hz-hint">{t('hz.placeAgain')}</div>
            </>
          ) : (
            <b>{t('hz.mode.place')}</b>
          )}
        </div>
        {prefill.rule_id && (
          <div className="hz-rule" data-testid="create-rule">
            <h4>{t('hz.fromAnalysis')}</h4>
            <div>
              {ruleLabel(locale, prefill.rule_id)}
              {prefill.measured !== undefined ? ` · ${t('hz.measured')} ${prefill.measured}` : ''}
            </div>
          </div>
        )}
        <div className="hz-grid">
          <label className="field">
            <span>{t('hz.category')} *</span>
            <select value={category} onChange={(e) => setCategory(e.target.value as typeof category)} data-testid="create-category">
              <EnumOptions group="category" codes={HAZARD_CATEGORIES} />
            </select>
          </label>
          <label className="field">
            <span>{t('hz.severity')} *</span>
            <select value={severity} onChange={(e) => setSeverity(e.target.value as typeof severity)} data-testid="create-severity">
              <EnumOptions group="severity" codes={SEVERITIES} />
            </select>
          </label>
          <label className="field">
            <span>{t('hz.placeType')}</span>
            <select value={placeType} onChange={(e) => setPlaceType(e.target.value as typeof placeType)} data-testid="create-place-type">
              <option value="">—</option>
              <EnumOptions group="place_type" codes={PLACE_TYPES} />
            </select>
          </label>
          <label className="field">
            <span>{t('hz.responsible')}</span>
            <input value={responsible} maxLength={100} onChange={(e) => setResponsible(e.target.value)} data-testid="create-responsible" />
          </label>
          <div className="field">
            <span>{t('hz.foundOn')}</span>
            <DateField value={foundOn} max={today} onChange={setFoundOn} label={t('hz.foundOn')} testId="create-found-on" />
          </div>
          <div className="field">
            <span>
              {t('hz.deadline')}
              {deadline ? '' : ` · ${t('hz.deadlineDefault')}`}
            </span>
            <DateField
              value={deadline ?? defaultDeadline}
              min={foundOn}
              onChange={(value) => setDeadline(value || null)}
              label={t('hz.deadline')}
              testId="create-deadline"
            />
          </div>
        </div>
        <label className="field">
          <span>{t('hz.description')} *</span>
          <textarea
            value={description}
            required
            maxLength={2000}
            rows={4}
            onChange={(e) => setDescription(e.target.value)}
            data-testid="create-description"
          />
        </label>
        <fieldset className="hz-fieldset">
          <legend>{t('hz.notify')}</legend>
          <div className="hz-inline-form">
            <select
              value={notifyMethod}
              onChange={(e) => setNotifyMethod(e.target.value)}
              data-testid="create-notify-method"
              aria-label={t('hz.notifyMethod')}
            >
              <option value="">{t('hz.notNotified')}</option>
              <EnumOptions group="notify_method" codes={NOTIFY_METHODS} />
            </select>
            {notifyMethod && (
              <DateField
                value={notifyOn}
                min={foundOn}
                max={today}
                onChange={setNotifyOn}
                testId="create-notify-on"
                label={t('hz.notifyOn')}
              />
            )}
          </div>
        </fieldset>
        <label className="field">
          <span>
            {t('field.photos')}
            {photos.length > 0 ? ` · ${photos.length} ${t('field.photosChosen')}` : ''}
          </span>
          <input
            type="file"
            accept="image/jpeg,image/png,image/webp"
            multiple
            onChange={(e) => setPhotos(Array.from(e.target.files ?? []))}
            data-testid="create-photos"
          />
        </label>
        {error && (
          <div className="hz-error" role="alert" data-testid="create-error">
            {error}
          </div>
        )}
        <div className="hz-form-buttons">
          <button type="submit" className="primary" disabled={busy || !outbox} data-testid="create-submit">
            {t('hz.create')}
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            {t('hz.cancel')}
          </button>
        </div>
      </form>
    </aside>
  );
}
