'use client';

import { useState } from 'react';
import { FIX_STATUSES, type FixStatus } from '@/lib/domain/enums';
import type { MessageKey } from '@/lib/i18n';
import { passageTitle } from '@/lib/i18n/passage-title';
import { useLocale, useT } from '../i18n-context';
import { type FixRow, postJson } from './types';

export interface FixListProps {
  fixes: FixRow[] | null;
  onChanged(fix: FixRow): void;
  onSelect(fix: FixRow): void;
}

/** Saved fixes with their status steps (计划 → 实施中 → 已完成 → 已验收); each step sends the version read. */
export function FixList({ fixes, onChanged, onSelect }: FixListProps) {
  const t = useT();
  const locale = useLocale();
  const [message, setMessage] = useState<string | null>(null);
  if (!fixes) return <div className="muted">…</div>;
  if (fixes.length === 0) return <div className="muted">{t('passages.noFixes')}</div>;

  const step = async (fix: FixRow, to: FixStatus) => {
    setMessage(null);
    try {
      const { fix: updated } = await postJson<{ fix: FixRow }>(
        `/api/v1/passage-fixes/${fix.id}`,
        { version: fix.version, status: to },
        'PATCH',
      );
      onChanged(updated);
    } catch (error) {
      const e = error as Error & { status?: number; body?: { current?: FixRow } };
      if (e.status === 409 && e.body?.current) {
        onChanged(e.body.current);
        setMessage(t('passages.conflict'));
      } else setMessage(`${t('passages.error')}: ${e.message}`);
    }
  };

  return (
    <>
      {message && (
        <div className="error-text" role="alert">
          {message}
        </div>
      )}
      <ul className="fix-list" data-testid="fix-list">
        {fixes.map((fix) => {
          const at = FIX_STATUSES.indexOf(fix.status);
          const next = FIX_STATUSES[at + 1];
          return (
            <li key={fix.id} className="fix" data-testid="fix" data-fix-id={fix.id} data-status={fix.status}>
              <button type="button" className="fix-title" onClick={() => onSelect(fix)}>
                #{fix.id} {t(`passages.kind.${fix.kind}` as MessageKey)}{' '}
                {fix.obstacle_code ??
                  (fix.passage_code
                    ? passageTitle(locale, { name: fix.passage_name, code: fix.passage_code, class: fix.passage_class })
                    : '')}
                {fix.target_width_m ? ` → ${fix.target_width_m} m` : ''}
              </button>
              <div className="fix-meta">
                {t('passages.responsible')}：{fix.responsible || '—'} · {t('passages.deadline')}：{fix.deadline ?? '—'}
              </div>
              {fix.note && <div className="fix-meta">{fix.note}</div>}
              <ol className="status-steps">
                {FIX_STATUSES.map((status, i) => (
                  <li key={status} className={i <= at ? 'step step-on' : 'step'}>
                    {t(`passages.status.${status}` as MessageKey)}
                  </li>
                ))}
              </ol>
              {next && (
                <button type="button" className="small-button" data-testid="fix-next" onClick={() => void step(fix, next)}>
                  {t('passages.nextStep')} {t(`passages.status.${next}` as MessageKey)}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
