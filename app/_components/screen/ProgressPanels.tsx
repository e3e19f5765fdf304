'use client';

import type { MessageKey, Translate } from '@/lib/i18n';
import type { ScreenStatsResponse } from '@/lib/screen/types';
import { Panel } from './Panel';
import { ShareBars } from './ShareBars';
import { SCREEN_COLORS as C } from './use-screen-scale';

interface PanelProps {
  stats: ScreenStatsResponse | null;
  t: Translate;
  vw: number;
}

/** Obstacles cleared by each campaign milestone against its target (grey bar). */
export function PassagePanel({ stats, t }: PanelProps) {
  const p = stats?.passages;
  const rows = (p?.milestones ?? []).map((m) => ({
    id: m.id,
    label: t(`screen.passages.milestone.${m.id}` as MessageKey),
    share: m.clearedShare,
    detail: `${m.cleared}/${m.found}`,
    target: m.target,
  }));
  const fixes = p?.milestones.at(-1)?.passageFixes;
  return (
    <Panel
      id="passages"
      title={t('screen.passages')}
      filled={!!stats}
      empty={stats && rows.length === 0 ? t('screen.empty.noObstacles') : null}
    >
      <div className="panel-chart">
        <ShareBars rows={rows} color={C.green} targetWord={t('screen.passages.target')} />
      </div>
      <div className="panel-foot">
        {t('screen.passages.open')} <b data-testid="passages-open">{p?.openObstacles ?? '—'}</b>
        {' · '}
        {t('screen.passages.fixesDone')} <b data-testid="passage-fixes-done">{fixes ?? '—'}</b>
      </div>
    </Panel>
  );
}

/** Share of buildings covered by water, a micro station in 3 minutes and the brigade in the target time. */
export function CoveragePanel({ stats, t }: PanelProps) {
  const c = stats?.coverage;
  const rows = c
    ? [
        { id: 'water', label: t('screen.coverage.water'), ...c.water },
        { id: 'station', label: t('screen.coverage.station'), ...c.station },
        { id: 'brigade', label: `${t('screen.coverage.brigade')}（${c.brigade.targetMin}′）`, ...c.brigade },
      ].map((r) => ({ id: r.id, label: r.label, share: r.share, detail: `${r.covered}/${r.buildings}` }))
    : [];
  return (
    <Panel
      id="coverage"
      title={t('screen.coverage')}
      className="panel-short"
      filled={!!stats}
      empty={stats && rows.length === 0 ? t('screen.empty.noBuildings') : null}
    >
      <div className="panel-chart">
        <ShareBars rows={rows} color={C.cyan} />
      </div>
    </Panel>
  );
}

/** 明白人 trained against the yearly targets, and drill-target units with ≥ 3 drills this year. */
export function PeoplePanel({ stats, t }: PanelProps) {
  const p = stats?.people;
  const rows = p
    ? [
        ...p.training.map((g) => ({
          id: g.id,
          label: t(`screen.people.${g.id}` as MessageKey),
          share: g.share,
          detail: `${g.unitsMet}/${g.units}`,
          target: 1,
        })),
        {
          id: 'drills',
          label: t('screen.people.drills'),
          share: p.drills.share,
          detail: `${p.drills.targetUnitsMet}/${p.drills.targetUnits}`,
          target: 1,
        },
      ]
    : [];
  return (
    <Panel id="people" title={t('screen.people')} filled={!!stats} empty={stats && rows.length === 0 ? t('screen.empty.noUnits') : null}>
      <div className="panel-chart">
        <ShareBars rows={rows} color={C.violet} targetWord={t('screen.passages.target')} />
      </div>
      <div className="panel-foot">
        {t('screen.people.trainedThisYear')} <b data-testid="people-trained-this-year">{p?.trainedThisYear ?? '—'}</b>
      </div>
    </Panel>
  );
}
