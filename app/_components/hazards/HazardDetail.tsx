'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { buildingLabel } from '@/lib/analysis/finding-list';
import type { HazardStatus } from '@/lib/domain/enums';
import type { OutboxItem } from '@/lib/field/outbox-types';
import { queuedView } from '@/lib/field/queued-view';
import { enumLabel } from '@/lib/i18n';
import { ruleLabel, ruleValue } from '@/lib/rules/rule-label';
import { BuildingFieldCheck } from '../field/FieldCheckForm';
import { untouched, useOutbox } from '../field/OutboxContext';
import { useLocale, useT } from '../i18n-context';
import { callApi, errorMessage, sendJson } from './api';
import { HazardEditForm } from './HazardEditForm';
import { HazardNotify } from './HazardNotify';
import { HazardPhotos } from './HazardPhotos';
import { StatusChip } from './HazardTable';
import { HazardTimeline } from './HazardTimeline';
import type { HazardDetailData } from './types';

export interface HazardDetailProps {
  id: number;
  canReport: boolean;
  canVerify: boolean;
  /** May open the audit log: the hazard's full change history (责任倒查) is linked. */
  canAudit: boolean;
  onClose(): void;
  /** Something changed: the list and counts must reload. */
  onChanged(): void;
  /** The detail (re)loaded; `first` on the first load of this hazard. */
  onLoaded(detail: HazardDetailData, first: boolean): void;
  /** My edit that met a newer version, opened to edit on the current one; saving it replaces the old item. */
  draft?: OutboxItem | null;
}

/** The button text of a step, by where it goes from where. */
function stepKey(from: HazardStatus, to: HazardStatus) {
  if (from === 'awaiting_review' && to === 'in_progress') return 'hz.step.sendBack' as const;
  return `hz.step.${to}` as const;
}

/**
 * One hazard: its fields, the rule it breaks, its place, photos, the rectification steps allowed from here,
 * notifications, editing and the timeline. A stale version (409) shows the conflict and the newer state.
 */
export function HazardDetail({ id, canReport, canVerify, canAudit, onClose, onChanged, onLoaded, draft }: HazardDetailProps) {
  const t = useT();
  const locale = useLocale();
  const [detail, setDetail] = useState<HazardDetailData | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(Boolean(draft));
  const [queued, setQueued] = useState(false);
  const { outbox, items: outboxItems, submit } = useOutbox();
  const body = useRef<HTMLDivElement>(null);
  // The latest callback, so reloads after a change call the parent's current one (not the first render's).
  const onLoadedRef = useRef(onLoaded);
  onLoadedRef.current = onLoaded;
  const loadedOnce = useRef(false);
  // A conflict or an error is said at the top of the panel: bring it into view wherever the user was.
  useEffect(() => {
    if (conflict || actionError) body.current?.scrollTo({ top: 0, behavior: 'smooth' });
  }, [conflict, actionError]);

  const load = useCallback(async () => {
    const answer = await callApi<HazardDetailData>(`/api/v1/hazards/${id}`);
    if (answer.ok && answer.body) {
      setDetail(answer.body);
      setLoadError(null);
      onLoadedRef.current(answer.body, !loadedOnce.current);
      loadedOnce.current = true;
    } else {
      setLoadError(errorMessage(answer, t('hz.loadFailed')));
    }
  }, [id, t]);

  useEffect(() => {
    void load();
  }, [load]);

  /** After any answer to a change: a conflict reloads the newer state and says so; success reloads too. */
  const settle = useCallback(
    async (answer: { ok: boolean; status: number; body: unknown }, fallback: string): Promise<boolean> => {
      if (answer.status === 409) {
        setConflict(true);
        setActionError(null);
        setEditing(false);
        await load();
        onChanged();
        return false;
      }
      if (!answer.ok) {
        setActionError(errorMessage(answer as never, fallback));
        return false;
      }
      setConflict(false);
      setActionError(null);
      await load();
      onChanged();
      return true;
    },
    [load, onChanged],
  );

  /**
   * After a change went through the outbox: acknowledged reloads; a newer version shows the conflict (the item
   * waits in the outbox's conflict list); refused outright with nothing sent is dropped and said here; without a
   * signal it waits in the outbox and says so.
   */
  const settleItem = useCallback(
    async (item: OutboxItem, fallback: string): Promise<boolean> => {
      setQueued(false);
      if (item.state === 'synced') return settle({ ok: true, status: 200, body: null }, fallback);
      if (item.state === 'conflict') return settle({ ok: false, status: 409, body: null }, fallback);
      if (item.state === 'failed') {
        if (untouched(item)) await outbox?.discard(item.id);
        setActionError(item.error ?? fallback);
        return false;
      }
      setQueued(true);
      return true;
    },
    [settle, outbox],
  );

  if (!detail) {
    return (
      <aside className="hz-side" data-testid="hazard-detail" aria-busy={!loadError}>
        <header className="hz-side-head">
          <h3>{loadError ? t('hz.loadFailed') : t('hz.loading')}</h3>
          <button type="button" className="close" onClick={onClose} aria-label={t('hz.close')}>
            ×
          </button>
        </header>
        {loadError && (
          <div className="hz-error" role="alert">
            {loadError}
          </div>
        )}
      </aside>
    );
  }

  const server = detail.hazard.properties;
  // What this phone's waiting changes will make of it: the next step follows the last one made offline.
  const view = queuedView(server, outboxItems);
  const p = { ...server, ...view.fields, status: view.status, version: view.version };
  const stepAllowed = (to: HazardStatus) => (p.status === 'awaiting_review' ? canVerify : canReport) && view.allowedNext.includes(to);
  const steps = view.allowedNext.filter(stepAllowed);
  const hasAfterPhoto = detail.photos.some((photo) => photo.kind === 'after') || view.photoKinds.includes('after');

  const move = async (to: HazardStatus) => {
    setBusy(true);
    const item = await submit({
      kind: 'transition',
      hazardId: id,
      label: p.code,
      body: { to, note: note.trim(), version: p.version },
      photos: [],
    });
    if (await settleItem(item, t('hz.actionFailed'))) setNote('');
    setBusy(false);
  };

  const rows: [string, React.ReactNode][] = [
    [t('hz.village'), p.village_name],
    [t('hz.category'), enumLabel(locale, 'category', p.category)],
    [t('hz.placeType'), p.place_type ? enumLabel(locale, 'place_type', p.place_type) : '—'],
    [
      t('hz.severity'),
      <span key="s" className={`hz-sev hz-sev-${p.severity}`}>
        {enumLabel(locale, 'severity', p.severity)}
      </span>,
    ],
    [t('hz.foundOn'), p.found_on],
    [
      t('hz.deadline'),
      <span key="d">
        {p.deadline}
        {p.overdue && <span className="hz-overdue">{t('hz.overdue')}</span>}
      </span>,
    ],
    [t('hz.responsible'), p.responsible_person ?? '—'],
    [t('hz.criterion'), p.criterion ?? '—'],
    ...(p.closed_on ? [[t('hz.closedOn'), p.closed_on] as [string, React.ReactNode]] : []),
    [t('hz.location'), detail.hazard.geometry.coordinates.map((value) => value.toFixed(6)).join(', ')],
  ];

  return (
    <aside
      className="hz-side"
      data-testid="hazard-detail"
      data-id={p.id}
      data-version={server.version}
      data-status={server.status}
      data-shown-version={p.version}
      data-shown-status={p.status}
    >
      <header className="hz-side-head">
        <div>
          <div className="detail-layer">{t('hz.detail')}</div>
          <h3 data-testid="detail-code">{p.code}</h3>
          <div className="hz-head-chips">
            <span data-testid="detail-status">
              <StatusChip status={p.status} />
            </span>
            {p.overdue && <span className="hz-overdue">{t('hz.overdue')}</span>}
            <span className="hz-version">v{p.version}</span>
            {view.waiting > 0 && (
              <span className="hz-waiting" data-testid="detail-waiting">
                {t('field.waitingOnHazard').replace('{n}', String(view.waiting))}
              </span>
            )}
          </div>
        </div>
        <button type="button" className="close" onClick={onClose} aria-label={t('hz.close')} data-testid="detail-close">
          ×
        </button>
      </header>

      <div className="hz-side-body" ref={body}>
        {conflict && (
          <div className="hz-conflict" role="alert" data-testid="hazard-conflict">
            {t('hz.conflict')}
          </div>
        )}
        {queued && (
          <div className="fo-queued-inline" role="status" data-testid="hazard-queued">
            {t('field.queued')}
          </div>
        )}
        {actionError && (
          <div className="hz-error" role="alert" data-testid="hazard-action-error">
            {actionError}
          </div>
        )}

        <p className="hz-description" data-testid="detail-description">
          {p.description}
        </p>

        {steps.length > 0 && (
          <section className="hz-steps" data-testid="hazard-steps">
            <h4>{t('hz.nextStep')}</h4>
            <textarea
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={2000}
              rows={2}
              placeholder={steps.includes('closed') ? t('hz.noteCloseHint') : t('hz.noteHint')}
              data-testid="step-note"
            />
            {steps.includes('closed') && !hasAfterPhoto && <div className="hz-hint">{t('hz.closeNeeds')}</div>}
            <div className="hz-step-buttons">
              {steps.map((to) => (
                <button
                  key={to}
                  type="button"
                  disabled={busy}
                  onClick={() => move(to)}
                  data-testid={`step-${to}`}
                  className={
                    to === 'closed' ? 'primary hz-close-out' : p.status === 'awaiting_review' ? 'secondary hz-send-back' : 'primary'
                  }
                >
                  {t(stepKey(p.status, to))}
                </button>
              ))}
            </div>
          </section>
        )}
        {p.status === 'closed' && (
          <div className="hz-closed-note" data-testid="hazard-closed">
            {t('hz.isClosed')}
          </div>
        )}

        <dl className="hz-fields">
          {rows.map(([label, value]) => (
            <div className="detail-row" key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>

        {(detail.rule || p.rule_id) && (
          <section className="hz-rule" data-testid="hazard-rule">
            <h4>{t('hz.rule')}</h4>
            {detail.rule ? (
              <>
                <div className="hz-rule-name" data-testid="rule-name">
                  {ruleLabel(locale, detail.rule.rule_id)}
                </div>
                <div className="hz-rule-clause">{detail.rule.clause}</div>
                <div>{locale === 'en' ? detail.rule.description_en : detail.rule.description_zh}</div>
                <div className="hz-rule-values">
                  {t('hz.threshold')} <b>{ruleValue(detail.rule.threshold, detail.rule.unit, locale)}</b>
                  {' · '}
                  {t('hz.measured')}{' '}
                  <b data-testid="rule-measured">{p.measured === null ? '—' : ruleValue(p.measured, detail.rule.unit, locale)}</b>
                </div>
              </>
            ) : (
              <div>
                {p.rule_id ? ruleLabel(locale, p.rule_id) : ''}
                {p.measured !== null ? ` · ${t('hz.measured')} ${p.measured}` : ''}
              </div>
            )}
          </section>
        )}

        {detail.linked && (
          <section className="hz-linked" data-testid="hazard-linked">
            <h4>{t('hz.linked')}</h4>
            <div data-testid="hazard-linked-record" data-id={detail.linked.id}>
              {t(`hz.linked.${detail.linked.layer}`)} · {buildingLabel(detail.linked)}
            </div>
            {detail.paired && (
              <div data-testid="hazard-paired-building" data-id={detail.paired.id}>
                {t('hz.linked.pairedBuilding')} · {buildingLabel(detail.paired)}
              </div>
            )}
            <div className="hz-hint">{t('hz.linkedOnMap')}</div>
            {canReport && detail.linked.layer === 'buildings' && (
              <LinkedBuildingCheck buildingId={detail.linked.id} label={buildingLabel(detail.linked)} />
            )}
          </section>
        )}

        <HazardPhotos
          hazardId={id}
          photos={detail.photos}
          canUpload={canReport && p.status !== 'closed'}
          onUpload={async (file, kind) => {
            const item = await submit({ kind: 'photos', hazardId: id, label: p.code, body: null, photos: [{ file, kind }] });
            return settleItem(item, t('hz.photoFailed'));
          }}
        />

        {canReport && p.status !== 'closed' && (
          <HazardNotify
            foundOn={p.found_on}
            onSubmit={async (notification) =>
              settle(await sendJson(`/api/v1/hazards/${id}/notifications`, 'POST', notification), t('hz.actionFailed'))
            }
          />
        )}

        {canReport &&
          (editing ? (
            <HazardEditForm
              hazard={p}
              draft={draft?.body ?? undefined}
              canVerify={canVerify}
              error={actionError}
              onCancel={() => setEditing(false)}
              onSave={async (patch) => {
                const item = await submit({
                  kind: 'edit',
                  hazardId: id,
                  label: p.code,
                  body: { ...patch, version: p.version },
                  photos: [],
                });
                const ok = await settleItem(item, t('hz.actionFailed'));
                if (ok) setEditing(false);
                // The edited version of my change replaces the one that met the newer version.
                if (ok && draft) await outbox?.discard(draft.id);
              }}
            />
          ) : (
            <button type="button" className="secondary hz-edit-open" onClick={() => setEditing(true)} data-testid="edit-open">
              ✎ {t('hz.edit')}
            </button>
          ))}

        <HazardTimeline events={detail.events} />
        {canAudit && (
          <a className="link-button" href={`/admin/audit?table=hazards&record=${id}`} data-testid="hazard-audit-link">
            {t('users.history')}
          </a>
        )}
      </div>
    </aside>
  );
}

/** The linked building's 现场核查, opened on demand so the detail stays short. */
function LinkedBuildingCheck({ buildingId, label }: { buildingId: number; label: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return open ? (
    <BuildingFieldCheck buildingId={buildingId} label={label} />
  ) : (
    <button type="button" className="secondary fc-open" onClick={() => setOpen(true)} data-testid="linked-field-check-open">
      {t('check.open')}
    </button>
  );
}
