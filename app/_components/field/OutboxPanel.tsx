'use client';

import { useEffect, useState } from 'react';
import type { OutboxItem } from '@/lib/field/outbox-types';
import { dynamicMessage, enumLabel } from '@/lib/i18n';
import { chinaDateTime } from '@/lib/time';
import { useLocale, useT } from '../i18n-context';
import { Modal } from '../Modal';
import { useOutbox } from './OutboxContext';

function useOnline(): boolean {
  const [online, setOnline] = useState(true);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    update();
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/** The toolbar button: how many items are not yet acknowledged, and whether any need the user. */
export function OutboxButton({ onOpen }: { onOpen(): void }) {
  const t = useT();
  const { items } = useOutbox();
  const online = useOnline();
  const waiting = items.filter((item) => item.state !== 'synced').length;
  const attention = items.some((item) => item.state === 'failed' || item.state === 'conflict');
  return (
    <button
      type="button"
      className={`secondary fo-button${attention ? ' fo-attention' : ''}`}
      onClick={onOpen}
      data-testid="outbox-open"
      data-waiting={waiting}
      data-online={online}
    >
      {!online && <span className="fo-offline">{t('field.offline')}</span>}
      {t('field.outbox')} <b data-testid="outbox-count">{waiting}</b>
    </button>
  );
}

/** What the conflict table compares: my fields against the server's, the version and the status. */
function conflictRows(item: OutboxItem): { field: string; mine: unknown; server: unknown }[] {
  const server = item.conflict?.server ?? { version: 0, status: '' };
  const body = item.body ?? {};
  const rows =
    item.kind === 'transition'
      ? [
          { field: 'status', mine: body.to, server: server.status },
          { field: 'note', mine: body.note, server: '' },
        ]
      : Object.keys(body)
          .filter((field) => field !== 'version')
          .map((field) => ({ field, mine: body[field], server: server[field] }));
  return [...rows, { field: 'version', mine: body.version, server: server.version }];
}

const formatMegabytes = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** 待同步记录: every item with its state, photo confirmations and the API's message; conflicts with mine and theirs. */
export function OutboxPanel({ onClose, onEdit }: { onClose(): void; onEdit(item: OutboxItem): void }) {
  const t = useT();
  const locale = useLocale();
  const { user, outbox, items, progress, unavailable, persisted, offlinePackage, updatingPackage, updatePackage } = useOutbox();
  /** Saves the whole outbox as one zip for the office (当无法同步时): the phone keeps its items. */
  const exportZip = async () => {
    if (!outbox) return;
    const url = URL.createObjectURL(await outbox.exportArchive());
    const link = document.createElement('a');
    link.href = url;
    link.download = `${t('field.exportFilePrefix')}-${user.username}-${chinaDateTime(new Date(), 'second').replace(/\D/g, '')}.zip`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
  const conflicts = items.filter((item) => item.state === 'conflict');
  const others = items.filter((item) => item.state !== 'conflict');
  const FIELD_KEYS: Record<string, string> = {
    status: 'hz.status',
    note: 'field.note',
    version: 'field.version',
    responsible_person: 'hz.responsible',
    place_type: 'hz.placeType',
    found_on: 'hz.foundOn',
  };
  const fieldLabel = (field: string) => dynamicMessage(locale, FIELD_KEYS[field] ?? `hz.${field}`, field);
  const valueLabel = (field: string, value: unknown) =>
    field === 'status' && typeof value === 'string'
      ? enumLabel(locale, 'hazard_status', value)
      : ['category', 'severity', 'place_type'].includes(field) && typeof value === 'string'
        ? enumLabel(locale, field, value)
        : shown(value);

  return (
    <Modal
      title={t('field.outboxTitle')}
      testId="outbox-panel"
      className="fo-panel"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="secondary" onClick={() => void outbox?.clearSynced()} data-testid="outbox-clear">
            {t('field.clearSynced')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={!outbox || items.length === 0}
            onClick={() => void exportZip()}
            data-testid="outbox-export"
          >
            {t('field.exportZip')}
          </button>
          <button type="button" className="primary" disabled={!outbox} onClick={() => void outbox?.sync(true)} data-testid="outbox-sync">
            {t('field.syncNow')}
          </button>
        </>
      }
    >
      {unavailable && (
        <div className="hz-error" role="alert">
          {t('field.unavailable')}
        </div>
      )}
      {persisted === false && (
        <div className="fo-warning" role="status" data-testid="storage-not-persisted">
          {t('field.notPersisted')}
        </div>
      )}
      <div className="fo-progress" role="status" data-testid="outbox-progress" data-running={progress.running}>
        {progress.running
          ? `${t('field.syncing')} ${progress.done}/${progress.total}`
          : progress.lastRunAt
            ? `${t('field.lastSync')} ${chinaDateTime(new Date(progress.lastRunAt), 'second')}`
            : ''}
      </div>
      <div className="fo-package" data-testid="offline-package" data-bytes={offlinePackage?.bytes ?? 0}>
        <span>
          <b>{t('field.package')}</b>{' '}
          {updatingPackage
            ? t('field.packageUpdating')
            : offlinePackage
              ? `${formatMegabytes(offlinePackage.bytes)} · ${t('field.packageUpdated')} ${chinaDateTime(offlinePackage.updatedAt)}${
                  offlinePackage.failed > 0 ? ` · ${offlinePackage.failed} ${t('field.packageFailed')}` : ''
                }`
              : t('field.packageNone')}
        </span>
        <button
          type="button"
          className="secondary"
          disabled={updatingPackage}
          onClick={() => void updatePackage()}
          data-testid="offline-package-update"
        >
          {t('field.packageUpdate')}
        </button>
      </div>

      {conflicts.length > 0 && (
        <section className="fo-conflicts" data-testid="outbox-conflicts">
          <h4>
            {t('field.conflicts')} <span className="hz-count">{conflicts.length}</span>
          </h4>
          <p className="hz-hint">{t('field.conflictHint')}</p>
          {conflicts.map((item) => (
            <article key={item.id} className="fo-conflict" data-testid="conflict-item" data-hazard={item.hazardId ?? ''}>
              <div className="fo-item-head">
                <b>{t(`field.kind.${item.kind}`)}</b> <span className="fo-label">{item.label}</span>
              </div>
              <table className="fo-compare">
                <thead>
                  <tr>
                    <th>{t('field.field')}</th>
                    <th>{t('field.mine')}</th>
                    <th>{t('field.server')}</th>
                  </tr>
                </thead>
                <tbody>
                  {conflictRows(item).map((row) => (
                    <tr key={row.field} data-testid={`conflict-row-${row.field}`}>
                      <th>{fieldLabel(row.field)}</th>
                      <td data-testid="conflict-mine">{valueLabel(row.field, row.mine)}</td>
                      <td data-testid="conflict-server">{valueLabel(row.field, row.server)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="hz-form-buttons">
                <button type="button" className="primary" onClick={() => void outbox?.applyAgain(item.id)} data-testid="conflict-apply">
                  {t('field.applyAgain')}
                </button>
                {item.kind === 'edit' && (
                  <button type="button" className="secondary" onClick={() => onEdit(item)} data-testid="conflict-edit">
                    {t('field.editMine')}
                  </button>
                )}
                <button type="button" className="secondary" onClick={() => void outbox?.discard(item.id)} data-testid="conflict-discard">
                  {t('field.discard')}
                </button>
              </div>
            </article>
          ))}
        </section>
      )}

      {others.length === 0 && conflicts.length === 0 && <div className="hz-hint">{t('field.empty')}</div>}
      <ul className="fo-items">
        {others.map((item) => {
          const confirmed = item.photos.filter((photo) => item.photoAcks[photo.key] === photo.sha256).length;
          return (
            <li
              key={item.id}
              className={`fo-item fo-${item.state}`}
              data-testid="outbox-item"
              data-state={item.state}
              data-kind={item.kind}
            >
              <div className="fo-item-head">
                <span className="fo-state" data-testid="outbox-item-state">
                  {t(`field.state.${item.state}`)}
                </span>
                <b>{t(`field.kind.${item.kind}`)}</b> <span className="fo-label">{item.label}</span>
              </div>
              {item.photos.length > 0 && (
                <div className="hz-hint">
                  {t('field.photosConfirmed')} {confirmed}/{item.photos.length}
                </div>
              )}
              {item.error && item.state !== 'synced' && (
                <div className="fo-error" data-testid="outbox-item-error">
                  {item.error}
                  {item.state === 'pending' && item.nextAttemptAt > 0 && (
                    <span>
                      {' '}
                      · {t('field.nextTry')} {chinaDateTime(new Date(item.nextAttemptAt), 'second').slice(11)} · {t('field.attempts')}{' '}
                      {item.attempts}
                    </span>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </Modal>
  );
}
