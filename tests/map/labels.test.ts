import { describe, expect, it } from 'vitest';
import { declutter, type LabelCandidate } from '@/lib/map/labels';

// One pixel per unit of "longitude" and "latitude": boxes are easy to work out by hand.
const project = ([x, y]: [number, number]) => ({ x, y });
const label = (layer: LabelCandidate['layer'], text: string, x: number, y: number): LabelCandidate => ({
  layer,
  datum: { position: [x, y], text, size: 14, color: [0, 0, 0], minZoom: 0 },
});

describe('label placement without overlaps', () => {
  it('keeps the first of two labels that would cover each other', () => {
    // Two 4-glyph names 40 px apart: each box is 4 × 14 + 2 × 4 = 64 px wide, so they overlap.
    const kept = declutter([label('stations', '东社微站', 100, 100), label('stations', '西社微站', 140, 100)], project, 1);
    expect(kept.get('stations')?.map((d) => d.text)).toEqual(['东社微站']);
  });

  it('keeps both when their boxes are apart', () => {
    // 70 px apart: half widths 32 + 32 = 64 < 70.
    const kept = declutter([label('stations', '东社微站', 100, 100), label('stations', '西社微站', 170, 100)], project, 1);
    expect(kept.get('stations')).toHaveLength(2);
  });

  it('lifts point labels above their point, so a village name and a station below it can both show', () => {
    // The station label is drawn 16 px above its point: at y = 130 its box is centred on 114, the village box on
    // 100; each box is 14 × 1.2 + 8 = 24.8 px high, more than the 14 px between the centres.
    const overlapping = declutter([label('villages', '东社村', 100, 100), label('stations', '东社微站', 100, 130)], project, 1);
    expect(overlapping.get('stations')).toBeUndefined();
    // 26 px further down the boxes clear: 130 + 26 - 16 - 100 = 40 > 24.8.
    const apart = declutter([label('villages', '东社村', 100, 100), label('stations', '东社微站', 100, 156)], project, 1);
    expect(apart.get('villages')).toHaveLength(1);
    expect(apart.get('stations')).toHaveLength(1);
  });

  it('grows the boxes with the label scale of the wall screen', () => {
    const candidates = [label('stations', '东社微站', 100, 100), label('stations', '西社微站', 170, 100)];
    expect(declutter(candidates, project, 1).get('stations')).toHaveLength(2);
    expect(declutter(candidates, project, 2).get('stations')).toHaveLength(1);
  });
});
