'use client';

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { Translate } from '@/lib/i18n';
import type { ScreenStatsResponse } from '@/lib/screen/types';
import { Panel } from './Panel';
import { axisSizes, SCREEN_COLORS as C, legendProps, SMALL_TEXT_VW, xAxisSizes } from './use-screen-scale';

/** Fires by month this year against last year, with deaths as lines. */
export function IncidentPanel({ stats, t, vw }: { stats: ScreenStatsResponse | null; t: Translate; vw: number }) {
  const i = stats?.incidents;
  const data = (i?.months ?? []).map((m) => ({
    month: `${m.month}${t('screen.month')}`,
    fires: m.fires,
    last: m.firesLastYear,
    deaths: m.deaths,
    deathsLast: m.deathsLastYear,
  }));
  const noFires = data.every((m) => m.fires === 0 && m.last === 0);
  const axis = { fontSize: SMALL_TEXT_VW * vw, fill: C.muted };
  return (
    <Panel id="incidents" title={t('screen.incidents')} filled={!!stats} className="incident-panel">
      <div className="incident-totals">
        <div>
          <span>{t('screen.incidents.total')}</span>
          <b data-testid="incidents-this-year">{i?.totals.fires ?? '—'}</b>
          <small>
            {t('screen.incidents.deaths')} {i?.totals.deaths ?? '—'}
          </small>
        </div>
        <div>
          <span>{t('screen.incidents.sameTimeLastYear')}</span>
          <b data-testid="incidents-last-year-to-date">{i?.totals.firesLastYearToDate ?? '—'}</b>
          <small>
            {t('screen.incidents.lastYear')} {i?.totals.firesLastYear ?? '—'}
          </small>
        </div>
      </div>
      {stats && noFires ? (
        <div className="panel-empty" data-testid="panel-incidents-empty">
          {t('screen.empty.noFires')}
        </div>
      ) : (
        <div className="panel-chart">
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={data} margin={{ top: vw * 0.3, right: vw * 0.4, bottom: 0, left: 0 }}>
              <CartesianGrid stroke={C.grid} vertical={false} />
              <XAxis {...xAxisSizes(vw)} dataKey="month" tick={axis} interval={0} stroke={C.grid} />
              <YAxis {...axisSizes(vw)} allowDecimals={false} tick={axis} width={vw * 2.2} stroke={C.grid} />
              <Legend {...legendProps(vw)} />
              <Bar dataKey="last" name={t('screen.incidents.lastYear')} fill={C.grey} isAnimationActive={false} />
              <Bar dataKey="fires" name={t('screen.incidents.thisYear')} fill={C.amber} isAnimationActive={false} />
              <Line
                dataKey="deathsLast"
                name={`${t('screen.incidents.lastYear')}${t('screen.incidents.deaths')}`}
                stroke={C.muted}
                strokeDasharray="4 3"
                dot={false}
                isAnimationActive={false}
              />
              <Line
                dataKey="deaths"
                name={`${t('screen.incidents.thisYear')}${t('screen.incidents.deaths')}`}
                stroke={C.deepRed}
                strokeWidth={vw * 0.12}
                dot={false}
                isAnimationActive={false}
              />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
    </Panel>
  );
}
