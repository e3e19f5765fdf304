'use client';

import { useState } from 'react';
import type { MessageKey } from '@/lib/i18n';
import { chinaDateTime } from '@/lib/time';
import { useT } from '../i18n-context';
import { type ImportBatch, postJson } from './import-api';

export interface ImportHistoryProps {
  batches: ImportBatch[];
  /** After a rollback: the counts and the history are out of date. */
  onChanged(): void;
}

/** 导入记录: every applied import with who, when, the file and its counts; a batch can be rolled back. */
export function ImportHistory({ batches, onChanged }: ImportHistoryProps) {
  const t = useT();
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);

  const rollBack = async (batch: ImportBatch) => {
    if (!window.confirm(t('import.confirmRollback').replace('{file}', batch.file_name))) return;
    const answer = await postJson(`/api/v1/imports/${batch.id}/rollback`, {});
    setMessage(answer.ok ? { tone: 'ok', text: t('import.rolledBack') } : { tone: 'error', text: answer.error });
    if (answer.ok) onChanged();
  };

  return (
    <section className="data-card history-card" data-testid="import-history">
      <h2>{t('import.history')}</h2>
      {message && (
        <div
          className={`edit-notice edit-notice-${message.tone}`}
          role={message.tone === 'error' ? 'alert' : 'status'}
          data-testid="history-notice"
        >
          {message.text}
        </div>
      )}
      {batches.length === 0 ? (
        <p className="data-hint">{t('import.noHistory')}</p>
      ) : (
        <table className="data-table history-table">
          <thead>
            <tr>
              <th>{t('import.when')}</th>
              <th>{t('import.layer')}</th>
              <th>{t('import.file')}</th>
              <th>{t('import.count.new')}</th>
              <th>{t('import.count.changed')}</th>
              <th>{t('import.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {batches.map((batch) => (
              <tr key={batch.id} data-testid={`batch-${batch.id}`} data-status={batch.status}>
                <td>{chinaDateTime(batch.applied_at ?? batch.created_at ?? new Date())}</td>
                <td>{t(`layer.${batch.layer}` as MessageKey)}</td>
                <td className="history-file">
                  {batch.file_name}
                  {batch.created_by_name ? <small> · {batch.created_by_name}</small> : null}
                </td>
                <td>{batch.summary.new}</td>
                <td>{batch.summary.changed}</td>
                <td>{t(`import.status.${batch.status}` as MessageKey) ?? batch.status}</td>
                <td>
                  {batch.status === 'applied' && (
                    <button type="button" className="secondary" onClick={() => rollBack(batch)} data-testid={`rollback-${batch.id}`}>
                      {t('import.rollback')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
