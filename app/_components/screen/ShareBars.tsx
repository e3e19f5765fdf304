'use client';

import { Bar, BarChart, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { percent } from '@/lib/screen/types';
import { SCREEN_COLORS as C } from './use-screen-scale';

export interface ShareRow {
  id: string;
  label: string;
  share: number | null;
  /** e.g. "27 / 40": the counts behind the share. */
  detail: string;
  target?: number;
}

/**
 * Horizontal bars of shares (0–100 %) on a dark track, each labelled from the track's start with its percent,
 * the counts behind it and its target, so short bars stay readable.
 */
export function ShareBars({
  rows,
  vw,
  color,
  labelWidth = 8,
  targetWord,
}: {
  rows: ShareRow[];
  vw: number;
  color: string;
  labelWidth?: number;
  targetWord?: string;
}) {
  const data = rows.map((r) => ({
    ...r,
    // A hair above 0 so an empty bar still gets its label.
    value: Math.max(0.01, r.share === null ? 0 : Math.round(r.share * 1000) / 10),
    text: `${percent(r.share)}   ${r.detail}${r.target !== undefined && targetWord ? `   ${targetWord} ${percent(r.target, 0)}` : ''}`,
  }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} layout="vertical" margin={{ top: 0, right: vw * 0.3, bottom: 0, left: 0 }} barCategoryGap="24%">
        <XAxis type="number" domain={[0, 100]} hide />
        <YAxis
          type="category"
          dataKey="label"
          tick={{ fontSize: 0.72 * vw, fill: C.text }}
          width={vw * labelWidth}
          interval={0}
          stroke={C.grid}
        />
        <Bar dataKey="value" fill={color} background={{ fill: '#10263b' }} isAnimationActive={false}>
          <LabelList
            dataKey="text"
            content={(props) => {
              const x = Number(props.x ?? 0);
              const y = Number(props.y ?? 0) + Number(props.height ?? 0) / 2;
              return (
                <text
                  x={x + vw * 0.35}
                  y={y}
                  dominantBaseline="central"
                  fill="#ffffff"
                  fontSize={0.78 * vw}
                  fontWeight={700}
                  stroke="#06111e"
                  strokeWidth={vw * 0.12}
                  paintOrder="stroke"
                >
                  {String(props.value ?? '')}
                </text>
              );
            }}
          />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
