'use client';

import { Bar, BarChart, CartesianGrid, Cell, ComposedChart, Legend, Line, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { enumLabel, type Locale, type Translate } from '@/lib/i18n';
import { percent, type ScreenStatsResponse } from '@/lib/screen/types';
import { Panel } from './Panel';
import { axisSizes, SCREEN_COLORS as C, legendProps, SMALL_TEXT_VW, xAxisSizes } from './use-screen-scale';

interface PanelProps {
  stats: ScreenStatsResponse | null;
  t: Translate;
  vw: number;
}

const axis = (vw: number) => ({ fontSize: SMALL_TEXT_VW * vw, fill: C.muted });

/** 未销号 / 重大 / 逾期 / 本月销号 / 销号率: the numbers leadership looks at first. */
export function HazardKpiPanel({ stats, t }: PanelProps) {
  const k = stats?.kpis;
  const tiles = [
    { id: 'open', label: t('screen.kpi.open'), value: k?.open, tone: 'amber' },
    { id: 'major', label: t('screen.kpi.major'), value: k?.openMajor, tone: 'red' },
    { id: 'overdue', label: t('screen.kpi.overdue'), value: k?.overdue, tone: 'red' },
    { id: 'rectified', label: t('screen.kpi.rectified'), value: k?.rectifiedThisMonth, tone: 'green' },
    { id: 'closure', label: t('screen.kpi.closure'), value: k ? percent(k.closureRate) : undefined, tone: 'cyan' },
  ];
  return (
    <Panel id="hazards" title={t('screen.hazards')} filled={!!k}>
      <div className="kpi-grid">
        {tiles.map((tile) => (
          <div key={tile.id} className={`kpi kpi-${tile.tone}`}>
            <div className="kpi-value" data-testid={`kpi-${tile.id}`}>
              {tile.value ?? '—'}
            </div>
            <div className="kpi-label">{tile.label}</div>
          </div>
        ))}
      </div>
    </Panel>
  );
}

/** Closure rate (line, %) and open hazards (bars) at each month's end since the campaign began. */
export function ClosureTrendPanel({ stats, t, vw }: PanelProps) {
  const data = (stats?.trend ?? []).map((p) => ({
    month: p.month.slice(2).replace('-', '.'),
    rate: p.closureRate === null ? null : Math.round(p.closureRate * 1000) / 10,
    open: p.open,
  }));
  return (
    <Panel id="trend" title={t('screen.trend')} filled={!!stats} empty={stats && data.length === 0 ? t('screen.empty.noHazards') : null}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: vw * 0.4, right: vw * 0.2, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={C.grid} vertical={false} />
          <XAxis {...xAxisSizes(vw)} dataKey="month" tick={axis(vw)} interval={5} stroke={C.grid} />
          <YAxis {...axisSizes(vw)} yAxisId="rate" domain={[0, 100]} tick={axis(vw)} width={vw * 3.2} unit="%" stroke={C.grid} />
          <YAxis {...axisSizes(vw)} yAxisId="open" orientation="right" tick={axis(vw)} width={vw * 2.4} stroke={C.grid} />
          <Legend {...legendProps(vw)} />
          <Bar yAxisId="open" dataKey="open" name={t('screen.trend.open')} fill={C.amber} opacity={0.55} isAnimationActive={false} />
          <Line
            yAxisId="rate"
            dataKey="rate"
            name={t('screen.trend.rate')}
            stroke={C.cyan}
            strokeWidth={vw * 0.16}
            dot={false}
            isAnimationActive={false}
            connectNulls
          />
        </ComposedChart>
      </ResponsiveContainer>
    </Panel>
  );
}

/** Villages by open hazards (overdue in red); the toured village is outlined. */
export function VillageRankingPanel({ stats, t, vw, current }: PanelProps & { current: string }) {
  const ranking = stats?.ranking ?? [];
  const top = ranking.slice(0, 10);
  // The toured village always shows, in place of the tenth when it ranks lower.
  const shown = top.some((v) => v.code === current) || !current ? top : [...top.slice(0, 9), ...ranking.filter((v) => v.code === current)];
  const data = shown.map((v) => ({
    code: v.code,
    name: v.name,
    overdue: v.overdue,
    notOverdue: v.open - v.overdue,
  }));
  return (
    <Panel
      id="ranking"
      title={t('screen.ranking')}
      filled={!!stats}
      empty={stats && ranking.every((v) => v.open === 0) ? t('screen.empty.noOpenHazards') : null}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 0, right: vw * 0.8, bottom: 0, left: 0 }} barCategoryGap="18%">
          <XAxis {...xAxisSizes(vw)} type="number" allowDecimals={false} tick={axis(vw)} stroke={C.grid} />
          <YAxis
            {...axisSizes(vw)}
            type="category"
            dataKey="name"
            tick={{ ...axis(vw), fill: C.text }}
            width={vw * 5.2}
            interval={0}
            stroke={C.grid}
          />
          <Legend {...legendProps(vw)} />
          <Bar dataKey="overdue" stackId="a" name={t('screen.ranking.overdue')} fill={C.red} isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.code} stroke={d.code === current ? '#ffffff' : undefined} strokeWidth={d.code === current ? 2 : 0} />
            ))}
          </Bar>
          <Bar dataKey="notOverdue" stackId="a" name={t('screen.ranking.notOverdue')} fill={C.amber} isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.code} stroke={d.code === current ? '#ffffff' : undefined} strokeWidth={d.code === current ? 2 : 0} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </Panel>
  );
}

/** Open hazards and hazards found this year by category. */
export function CategoryPanel({ stats, t, vw, locale }: PanelProps & { locale: Locale }) {
  const data = (stats?.categories ?? []).map((c) => ({
    name: enumLabel(locale, 'category', c.category),
    open: c.open,
    found: c.foundThisYear,
  }));
  return (
    <Panel
      id="categories"
      title={t('screen.categories')}
      className="panel-tall"
      filled={!!stats}
      empty={stats && data.every((c) => c.open === 0 && c.found === 0) ? t('screen.empty.noHazardsThisYear') : null}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 0, right: vw * 0.8, bottom: 0, left: 0 }} barGap={1}>
          <XAxis {...xAxisSizes(vw)} type="number" allowDecimals={false} tick={axis(vw)} stroke={C.grid} />
          <YAxis
            {...axisSizes(vw)}
            type="category"
            dataKey="name"
            tick={{ ...axis(vw), fill: C.text }}
            width={vw * 7.2}
            interval={0}
            stroke={C.grid}
          />
          <Legend {...legendProps(vw)} />
          <Bar dataKey="open" name={t('screen.categories.open')} fill={C.red} isAnimationActive={false} />
          <Bar dataKey="found" name={t('screen.categories.foundThisYear')} fill={C.cyan} opacity={0.7} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </Panel>
  );
}
