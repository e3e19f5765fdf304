'use client';

import type { VillageSummary } from '@/db/queries/villages';
import type { BaseField } from '@/lib/domain/base-fields';
import type { MessageKey } from '@/lib/i18n';
import type { FormValues } from '@/lib/layers/feature-form';
import { useLocale, useT } from '../i18n-context';

export interface FeatureFormProps {
  fields: readonly BaseField[];
  /** The columns the user may change; the others are shown read-only. */
  editable: ReadonlySet<string>;
  values: FormValues;
  errors: Record<string, string>;
  villages: VillageSummary[];
  onChange(column: string, text: string): void;
}

/** One input per field of the layer, by its type: lists for enumerations, yes/no, villages by name. */
export function FeatureForm({ fields, editable, values, errors, villages, onChange }: FeatureFormProps) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="feature-form">
      {fields.map((field) => {
        const id = `field-${field.column}`;
        const disabled = !editable.has(field.column);
        const value = values[field.column] ?? '';
        const set = (text: string) => onChange(field.column, text);
        const common = { id, disabled, 'data-testid': id, 'aria-invalid': Boolean(errors[field.column]) };
        return (
          <div key={field.column} className={disabled ? 'form-row form-row-fixed' : 'form-row'}>
            <label htmlFor={id}>
              {locale === 'en' ? field.en : field.zh}
              {field.required && !disabled ? ' *' : ''}
            </label>
            {field.type === 'enum' ? (
              <select {...common} value={value} onChange={(event) => set(event.target.value)}>
                {!field.required && <option value="">—</option>}
                {(field.values ?? []).map((code) => (
                  <option key={code} value={code}>
                    {t(`enum.${field.enumGroup}.${code}` as MessageKey) ?? code}
                  </option>
                ))}
              </select>
            ) : field.type === 'boolean' ? (
              <select {...common} value={value} onChange={(event) => set(event.target.value)}>
                <option value="">{t('form.unknown')}</option>
                <option value="true">{t('form.yes')}</option>
                <option value="false">{t('form.no')}</option>
              </select>
            ) : field.references === 'villages' ? (
              <select {...common} value={value} onChange={(event) => set(event.target.value)}>
                {!field.required && <option value="">—</option>}
                {villages.map((village) => (
                  <option key={village.code} value={village.code}>
                    {village.name}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...common}
                type={field.type === 'date' ? 'date' : field.type === 'integer' || field.type === 'number' ? 'number' : 'text'}
                inputMode={field.type === 'integer' || field.type === 'number' ? 'decimal' : undefined}
                step={field.type === 'number' ? 'any' : undefined}
                placeholder={field.type === 'months' ? '1-12' : field.type === 'reference' ? t('form.byCode') : undefined}
                value={value}
                onChange={(event) => set(event.target.value)}
              />
            )}
            {errors[field.column] && (
              <span className="form-error" role="alert">
                {t(errors[field.column] as MessageKey) ?? errors[field.column]}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}
