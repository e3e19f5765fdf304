'use client';

import { useState } from 'react';
import { HAZARD_CATEGORIES, PLACE_TYPES, SEVERITIES } from '@/lib/domain/enums';
import { DateField } from '../DateField';
import { useT } from '../i18n-context';
import { EnumOptions } from './EnumOptions';
import type { HazardProperties } from './types';

export interface HazardEditFormProps {
  hazard: HazardProperties;
  /** Category, severity and deadline decide urgency: only the re-check roles may change them. */
  canVerify: boolean;
  error: string | null;
  onCancel(): void;
  onSave(patch: Record<string, unknown>): Promise<void>;
  /** Values to start from instead of the hazard's (my change that met a newer version, to edit on it). */
  draft?: Record<string, unknown>;
}

type Editable = 'category' | 'place_type' | 'severity' | 'description' | 'found_on' | 'deadline' | 'responsible_person' | 'criterion';

/** Edits the hazard's fields; only what changed is sent, with the version the user saw. */
export function HazardEditForm({ hazard, canVerify, error, onCancel, onSave, draft }: HazardEditFormProps) {
  const t = useT();
  const initial: Record<Editable, string> = {
    category: hazard.category,
    place_type: hazard.place_type ?? '',
    severity: hazard.severity,
    description: hazard.description,
    found_on: hazard.found_on,
    deadline: hazard.deadline,
    responsible_person: hazard.responsible_person ?? '',
    criterion: hazard.criterion ?? '',
  };
  const [values, setValues] = useState(() => {
    const start = { ...initial };
    for (const field of Object.keys(initial) as Editable[]) if (draft && field in draft) start[field] = String(draft[field] ?? '');
    return start;
  });
  const [busy, setBusy] = useState(false);
  const setValue = (field: Editable, value: string) => setValues((v) => ({ ...v, [field]: value }));
  const set = (field: Editable) => (event: { target: { value: string } }) => setValue(field, event.target.value);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const patch: Record<string, unknown> = {};
    for (const field of Object.keys(values) as Editable[]) {
      if (values[field] === initial[field]) continue;
      patch[field] = field === 'place_type' && values[field] === '' ? null : values[field];
    }
    if (Object.keys(patch).length === 0) {
      onCancel();
      return;
    }
    setBusy(true);
    await onSave(patch);
    setBusy(false);
  };

  return (
    <form className="hz-form hz-edit" onSubmit={submit} data-testid="hazard-edit">
      <h4>{t('hz.edit')}</h4>
      <div className="hz-grid">
        <label className="field">
          <span>{t('hz.category')}</span>
          <select value={values.category} onChange={set('category')} disabled={!canVerify} data-testid="edit-category">
            <EnumOptions group="category" codes={HAZARD_CATEGORIES} />
          </select>
        </label>
        <label className="field">
          <span>{t('hz.severity')}</span>
          <select value={values.severity} onChange={set('severity')} disabled={!canVerify} data-testid="edit-severity">
            <EnumOptions group="severity" codes={SEVERITIES} />
          </select>
        </label>
        <label className="field">
          <span>{t('hz.placeType')}</span>
          <select value={values.place_type} onChange={set('place_type')} data-testid="edit-place-type">
            <option value="">—</option>
            <EnumOptions group="place_type" codes={PLACE_TYPES} />
          </select>
        </label>
        <label className="field">
          <span>{t('hz.responsible')}</span>
          <input value={values.responsible_person} maxLength={100} onChange={set('responsible_person')} data-testid="edit-responsible" />
        </label>
        <div className="field">
          <span>{t('hz.foundOn')}</span>
          <DateField
            value={values.found_on}
            onChange={(value) => setValue('found_on', value)}
            label={t('hz.foundOn')}
            testId="edit-found-on"
          />
        </div>
        <div className="field">
          <span>{t('hz.deadline')}</span>
          <DateField
            value={values.deadline}
            onChange={(value) => setValue('deadline', value)}
            disabled={!canVerify}
            label={t('hz.deadline')}
            testId="edit-deadline"
          />
        </div>
      </div>
      <label className="field">
        <span>{t('hz.description')}</span>
        <textarea value={values.description} maxLength={2000} rows={3} onChange={set('description')} data-testid="edit-description" />
      </label>
      <label className="field">
        <span>{t('hz.criterion')}</span>
        <input value={values.criterion} maxLength={200} onChange={set('criterion')} data-testid="edit-criterion" />
      </label>
      {!canVerify && <div className="hz-hint">{t('hz.reviewFieldsHint')}</div>}
      {error && (
        <div className="hz-error" role="alert" data-testid="edit-error">
          {error}
        </div>
      )}
      <div className="hz-form-buttons">
        <button type="submit" className="primary" disabled={busy} data-testid="edit-save">
          {t('hz.save')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('hz.cancel')}
        </button>
      </div>
    </form>
  );
}
