'use client';

import type { PlateRecord } from '@/db/queries/plates';
import { enumLabel } from '@/lib/i18n';
import { chinaDateTime } from '@/lib/time';
import { FieldCheckForm } from './field/FieldCheckForm';
import { useLocale, useT } from './i18n-context';

/**
 * A scanned plate's record: what and where it is, its open hazards, "record a hazard here" and, for a building,
 * its fire equipment with the latest field check (现场核查; users who record hazards can make one here).
 */
export function PlateRecordView({ record, canReport, checkerName }: { record: PlateRecord; canReport: boolean; checkerName?: string }) {
  const t = useT();
  const locale = useLocale();
  const here = new URLSearchParams({ new: '1', lon: record.lon.toFixed(7), lat: record.lat.toFixed(7) });
  return (
    <main className="page-body plate-page" data-testid="plate-record" data-code={record.code}>
      <div className="plate-kind">{t(record.kind === 'building' ? 'plate.building' : 'plate.unit')}</div>
      <h2 className="page-title" data-testid="plate-title">
        {record.name ?? t('plate.unnamed')} <span className="hz-code">{record.code}</span>
      </h2>
      <div className="detail-village">{record.villageName}</div>
      {canReport && (
        <a className="primary plate-report" href={`/hazards?${here}`} data-testid="plate-report-here">
          ＋ {t('plate.reportHere')}
        </a>
      )}
      <section className="plate-hazards">
        <h3>
          {t('plate.openHazards')} <span className="hz-count">{record.openHazards.length}</span>
        </h3>
        {record.openHazards.length === 0 ? (
          <p className="muted">{t('plate.noOpenHazards')}</p>
        ) : (
          <ul data-testid="plate-hazards">
            {record.openHazards.map((hazard) => (
              <li key={hazard.id}>
                <a href={`/hazards?selected=${hazard.id}`}>
                  <span className="hz-code">{hazard.code}</span>
                  <span className={`hz-status hz-status-${hazard.status}`}>{enumLabel(locale, 'hazard_status', hazard.status)}</span>
                  <span>{enumLabel(locale, 'category', hazard.category)}</span>
                  <span className="plate-description">{hazard.description}</span>
                  {hazard.deadline && (
                    <span className="hz-deadline">
                      {t('plate.deadline')} {hazard.deadline}
                    </span>
                  )}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      {record.equipment &&
        (canReport ? (
          <FieldCheckForm
            target={{ kind: 'building', id: record.id }}
            label={record.name ? `${record.name} ${record.code}` : record.code}
            current={record.equipment}
            lastCheck={record.lastCheck}
            checkerName={checkerName}
          />
        ) : (
          <section className="fc-form" data-testid="plate-equipment">
            <div>
              {t('check.smokeAlarm')}：{t(record.equipment.hasSmokeAlarm ? 'check.installed' : 'check.notInstalled')} ·{' '}
              {t('check.extinguisher')}：{t(record.equipment.hasExtinguisher ? 'check.has' : 'check.hasNot')}
            </div>
            <div className="fc-last" data-testid="field-check-last">
              {record.lastCheck
                ? `${t('check.last')}：${record.lastCheck.checkedBy} · ${chinaDateTime(record.lastCheck.observedAt)}`
                : t('check.none')}
            </div>
          </section>
        ))}
    </main>
  );
}
