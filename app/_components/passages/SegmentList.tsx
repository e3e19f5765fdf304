'use client';

import { useState } from 'react';
import type { MessageKey } from '@/lib/i18n';
import { passageTitle } from '@/lib/i18n/passage-title';
import { useLocale, useT } from '../i18n-context';
import type { FixSpec, SegmentToFix } from './types';

const LISTED = 150;

export interface SegmentListProps {
  segments: SegmentToFix[] | null;
  villageNames: Record<string, string>;
  selected: number | null;
  onSelect(segment: SegmentToFix): void;
  onAddFix(spec: FixSpec, label: string): void;
}

/** Blocked and substandard segments, most buildings cut off first, with obstacles, milestone and fix actions. */
export function SegmentList({ segments, villageNames, selected, onSelect, onAddFix }: SegmentListProps) {
  const t = useT();
  const locale = useLocale();
  const [width, setWidth] = useState(4.5);
  if (!segments) return <div className="muted">…</div>;
  return (
    <ol className="segment-list" data-testid="segment-list">
      {segments.slice(0, LISTED).map((segment) => {
        const open = segment.passage_id === selected;
        const name = passageTitle(locale, segment);
        return (
          <li
            key={segment.passage_id}
            className={open ? 'segment selected' : 'segment'}
            data-testid="segment"
            data-passage-id={segment.passage_id}
          >
            <button type="button" className="segment-head" onClick={() => onSelect(segment)}>
              <span className="segment-rank">{segment.rank}</span>
              <span className="segment-main">
                <span className="segment-name">{name}</span>
                <span className="segment-meta">
                  {segment.village_code ? (villageNames[segment.village_code] ?? segment.village_code) : ''} ·{' '}
                  {segment.name ? `${segment.code} · ` : ''}
                  {t('passages.width')} {segment.width_m} m
                </span>
                <span className="reason-chips">
                  {segment.reasons.map((reason) => (
                    <span key={reason} className={`reason-chip reason-${reason}`}>
                      {t(`passages.reason.${reason}` as MessageKey)}
                    </span>
                  ))}
                  <span
                    className={segment.overdue ? 'milestone overdue' : 'milestone'}
                    title={t(`passages.milestone.${segment.milestone}` as MessageKey)}
                  >
                    {segment.milestone}
                    {segment.overdue ? ` · ${t('passages.overdue')}` : ''}
                  </span>
                </span>
              </span>
              <span className="segment-impact" data-testid="segment-cut-off">
                <strong>{segment.cut_off}</strong>
                <small>{t('passages.buildingsUnit')}</small>
              </span>
            </button>
            {open && (
              <div className="segment-body">
                <div className="segment-milestone">{t(`passages.milestone.${segment.milestone}` as MessageKey)}</div>
                {segment.obstacles.map((obstacle) => (
                  <div key={obstacle.id} className="obstacle-row">
                    <span>
                      {obstacle.code} · {t(`passages.obstacleType.${obstacle.type}` as MessageKey)} · {obstacle.found_on}
                    </span>
                    <button
                      type="button"
                      className="small-button"
                      data-testid="add-clear-obstacle"
                      onClick={() =>
                        onAddFix(
                          { kind: 'clear_obstacle', obstacle_id: obstacle.id },
                          `${t('passages.kind.clear_obstacle')} ${obstacle.code}`,
                        )
                      }
                    >
                      + {t('passages.action.clear')}
                    </button>
                  </div>
                ))}
                {(segment.reasons.includes('narrow') || segment.reasons.includes('obstacle')) && (
                  <div className="obstacle-row">
                    <label>
                      {t('passages.action.widen')}{' '}
                      <input type="number" min={1} max={30} step={0.5} value={width} onChange={(e) => setWidth(Number(e.target.value))} /> m
                    </label>
                    <button
                      type="button"
                      className="small-button"
                      data-testid="add-widen"
                      disabled={!(width > segment.width_m)}
                      onClick={() =>
                        onAddFix(
                          { kind: 'widen', passage_id: segment.passage_id, width_m: width },
                          `${t('passages.kind.widen')} ${name} → ${width} m`,
                        )
                      }
                    >
                      + {t('passages.addToScenario')}
                    </button>
                  </div>
                )}
                {segment.reasons.includes('dead_end') && (
                  <div className="obstacle-row">
                    <span>
                      {t('passages.reason.dead_end')} {segment.dead_end_m} m
                    </span>
                    <button
                      type="button"
                      className="small-button"
                      onClick={() =>
                        onAddFix({ kind: 'turnaround', passage_id: segment.passage_id }, `${t('passages.kind.turnaround')} ${name}`)
                      }
                    >
                      + {t('passages.action.turnaround')}
                    </button>
                  </div>
                )}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
