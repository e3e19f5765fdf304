'use client';

import { percent } from '@/lib/screen/types';

export interface ShareRow {
  id: string;
  label: string;
  share: number | null;
  /** e.g. "27/40": the counts behind the share. */
  detail: string;
  target?: number;
}

/**
 * Shares (0–100 %) as rows of text over their own bar: the label on the left, the percent, counts and target on
 * the right. Plain HTML, so long Chinese labels keep their full width and the text scales with the screen.
 */
export function ShareBars({ rows, color, targetWord }: { rows: ShareRow[]; color: string; targetWord?: string }) {
  return (
    <div className="share-bars">
      {rows.map((row) => {
        const width = row.share === null ? 0 : Math.min(100, Math.max(0, row.share * 100));
        return (
          <div key={row.id} className="share-row" data-testid={`share-${row.id}`}>
            <div className="share-fill" style={{ width: `${width}%`, background: color }} />
            <span className="share-label">{row.label}</span>
            <span className="share-figures">
              <b>{percent(row.share)}</b> {row.detail}
              {row.target !== undefined && targetWord ? ` · ${targetWord} ${percent(row.target, 0)}` : ''}
            </span>
          </div>
        );
      })}
    </div>
  );
}
