'use client';

import { useState } from 'react';
import { NOTIFY_METHODS } from '@/lib/domain/enums';
import { chinaToday } from '@/lib/time';
import { DateField } from '../DateField';
import { useT } from '../i18n-context';
import { EnumOptions } from './EnumOptions';

export interface HazardNotifyProps {
  foundOn: string;
  onSubmit(notification: { method: string; on: string }): Promise<boolean>;
}

/** Records that the responsible person was told (how and when); the product sends nothing itself. */
export function HazardNotify({ foundOn, onSubmit }: HazardNotifyProps) {
  const t = useT();
  const [method, setMethod] = useState<string>(NOTIFY_METHODS[0]);
  const [on, setOn] = useState(chinaToday());
  const [busy, setBusy] = useState(false);
  return (
    <section className="hz-notify" data-testid="hazard-notify">
      <h4>{t('hz.notify')}</h4>
      <div className="hz-inline-form">
        <select value={method} onChange={(e) => setMethod(e.target.value)} data-testid="notify-method" aria-label={t('hz.notifyMethod')}>
          <EnumOptions group="notify_method" codes={NOTIFY_METHODS} />
        </select>
        <DateField value={on} min={foundOn} max={chinaToday()} onChange={setOn} testId="notify-on" label={t('hz.notifyOn')} />
        <button
          type="button"
          className="secondary"
          disabled={busy || !on}
          data-testid="notify-submit"
          onClick={async () => {
            setBusy(true);
            await onSubmit({ method, on });
            setBusy(false);
          }}
        >
          {t('hz.notifyRecord')}
        </button>
      </div>
    </section>
  );
}
