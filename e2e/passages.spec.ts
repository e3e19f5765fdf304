import { describe, expect, inject, it } from 'vitest';
import { appSession } from './app-session';
import { PassagesPage } from './passages-driver';

const server = inject('servers').find((s) => s.engine === 'pglite')!;

/** A point `metres` to the left of the segment a→b at its middle (a local flat approximation is enough for a drawn vertex). */
function offsetMiddle(a: [number, number], b: [number, number], metres: number): [number, number] {
  const lat = (a[1] + b[1]) / 2;
  const mx = 111_320 * Math.cos((lat * Math.PI) / 180);
  const my = 110_540;
  const dx = (b[0] - a[0]) * mx;
  const dy = (b[1] - a[1]) * my;
  const length = Math.hypot(dx, dy);
  return [(a[0] + b[0]) / 2 + ((-dy / length) * metres) / mx, lat + ((dx / length) * metres) / my];
}

describe('planner workspace', () => {
  const session = appSession(server.url);

  it('draws a new link around a narrow lane, sees before/after, saves the fix, completes it, and the reachability analysis follows', async () => {
    const app = session();
    const passages = new PassagesPage(app);
    expect(await passages.open()).toBe(200);

    // The narrow segment (no obstacle) that cuts off the most buildings; a bypass joins its two ends.
    const { body } = await app.fetchJson('/api/v1/passage-fixes/segments');
    const target = body.segments.find(
      (s: { reasons: string[]; cut_off: number; geometry: { type: string } }) =>
        s.reasons.length === 1 && s.reasons[0] === 'narrow' && s.cut_off > 0 && s.geometry.type === 'LineString',
    );
    expect(target).toBeDefined();
    const line: [number, number][] = target.geometry.coordinates;
    const [start, end] = [line[0]!, line[line.length - 1]!];
    const analysisBefore = (await app.fetchJson('/api/v1/analysis/reachability')).body.summary.without_truck_access as number;
    expect(await passages.withoutTruckAccess()).toBe(analysisBefore);

    await passages.openSegment(target.passage_id);
    await passages.drawLink([start, offsetMiddle(start, end, 12), end]);
    const figures = await passages.whatIf();
    expect(await passages.whatIfError()).toBeNull();
    expect(figures.newlyReachable).toBeGreaterThanOrEqual(target.cut_off);
    expect(figures.after - figures.before).toBe(figures.newlyReachable);
    await app.screenshot('passages-whatif-new-link');

    const fixId = await passages.saveFixes('王村长');
    expect(await passages.fixStatus(fixId)).toBe('plan');
    const fix = (await app.fetchJson(`/api/v1/passage-fixes/${fixId}`)).body.fix;
    expect(fix).toMatchObject({ kind: 'new_link', status: 'plan', responsible: '王村长', version: 1 });
    expect(await passages.advanceFix(fixId)).toBe('in_progress');
    expect(await passages.advanceFix(fixId)).toBe('done');

    // Completed: the link is a passage now, and the analysis counts exactly the buildings the what-if promised.
    const analysisAfter = (await app.fetchJson('/api/v1/analysis/reachability')).body.summary.without_truck_access as number;
    expect(analysisBefore - analysisAfter).toBe(figures.newlyReachable);
    expect(await passages.waitForWithoutTruckAccess(analysisBefore)).toBe(analysisAfter);
    const done = (await app.fetchJson(`/api/v1/passage-fixes/${fixId}`)).body.fix;
    expect(done.created_passage_id).toBeGreaterThan(0);
    await app.screenshot('passages-fix-done');
  });
});
