'use client';

import { useState } from 'react';
import type { ImportedItem, ImportOutcome } from '@/lib/field/outbox-import';
import { callApi, errorMessage } from '../hazards/api';
import { useT } from '../i18n-context';
import { Modal } from '../Modal';

interface ImportAnswer {
  author: { username: string };
  counts: Record<ImportOutcome, number>;
  items: ImportedItem[];
}

const OUTCOMES: ImportOutcome[] = ['written', 'already', 'conflict', 'failed', 'waiting'];

/**
 * 导入离线记录包: the zip a phone exported when it could not sync, sent as its user through the same requests and
 * keys as the phone's; each item says whether it was written now, had already arrived, or why not.
 */
export function OutboxImport({ onClose, onImported }: { onClose(): void; onImported(): void }) {
  const t = useT();
  const [answer, setAnswer] = useState<ImportAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (file: File) => {
    const form = new FormData();
    form.set('file', file);
    setBusy(true);
    setError(null);
    setAnswer(null);
    const result = await callApi<ImportAnswer>('/api/v1/outbox-imports', { method: 'POST', body: form });
    setBusy(false);
    if (result.ok && result.body) {
      setAnswer(result.body);
      if (result.body.counts.written > 0) onImported();
    } else setError(errorMessage(result, t('field.importFailed')));
  };

  return (
    <Modal
      title={t('field.importTitle')}
      testId="outbox-import"
      onClose={onClose}
      footer={
        <button type="button" className="primary" onClick={onClose} data-testid="outbox-import-done">
          {t('hz.done')}
        </button>
      }
    >
      <p className="hz-hint">{t('field.importHint')}</p>
      <label className="secondary hz-file">
        {busy ? t('field.importBusy') : t('field.importChoose')}
        <input
          type="file"
          accept=".zip,application/zip"
          disabled={busy}
          data-testid="outbox-import-file"
          onChange={(e) => {
            const chosen = e.target.files?.[0];
            if (chosen) void send(chosen);
            e.target.value = '';
          }}
        />
      </label>
      {error && (
        <div className="hz-error" role="alert" data-testid="outbox-import-error">
          {error}
        </div>
      )}
      {answer && (
        <div data-testid="outbox-import-result">
          <div className="hz-import-summary">
            {t('field.importOf')} <b>{answer.author.username}</b>:{' '}
            {OUTCOMES.filter((outcome) => answer.counts[outcome] > 0)
              .map((outcome) => `${t(`field.outcome.${outcome}`)} ${answer.counts[outcome]}`)
              .join(' · ')}
          </div>
          <ul className="fo-items">
            {answer.items.map((item) => (
              <li key={item.id} className={`fo-item fo-${item.outcome}`} data-testid="outbox-import-item" data-outcome={item.outcome}>
                <div className="fo-item-head">
                  <span className="fo-state">{t(`field.outcome.${item.outcome}`)}</span>
                  <b>{t(`field.kind.${item.kind}`)}</b> <span className="fo-label">{item.label}</span>
                </div>
                {item.message && <div className="fo-error">{item.message}</div>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Modal>
  );
}
