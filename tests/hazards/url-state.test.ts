import { describe, expect, it } from 'vitest';
import { parseHazardFilter } from '@/lib/hazards/filter';
import {
  DEFAULT_FILTER,
  DEFAULT_LIMIT,
  exportHref,
  filterParams,
  hasFilter,
  listParams,
  nearText,
  pageSearch,
  parsedNear,
  parsedWithin,
  parsePageState,
  withinText,
} from '@/lib/hazards/url-state';

const square = {
  type: 'Polygon',
  coordinates: [
    [
      [111.5, 37.5],
      [111.6, 37.5],
      [111.6, 37.6],
      [111.5, 37.5],
    ],
  ],
};

const OPEN = 'status=pending%2Cin_progress%2Cawaiting_review';

describe('hazards page URL state', () => {
  it('reads every filter from the URL, lists repeatable or comma-separated', () => {
    const state = parsePageState(
      '?village=140000000001,140000000002&village=140000000003&category=passage&category=water&place_type=farm' +
        '&severity=major&status=pending,in_progress&overdue=true&due_within_days=7&found_from=2026-01-01' +
        '&found_to=2026-03-31&q=%E5%BC%A0%E4%B8%89&near=111.5,37.5&radius_m=300&limit=20&offset=40&selected=12',
    );
    expect(state.filter).toEqual({
      villages: ['140000000001', '140000000002', '140000000003'],
      within: null,
      near: '111.5,37.5',
      radiusM: '300',
      categories: ['passage', 'water'],
      placeTypes: ['farm'],
      severities: ['major'],
      statuses: ['pending', 'in_progress'],
      overdue: true,
      dueWithinDays: '7',
      foundFrom: '2026-01-01',
      foundTo: '2026-03-31',
      q: '张三',
    });
    expect([state.limit, state.offset, state.selected, state.create]).toEqual([20, 40, 12, null]);
  });

  it('defaults to no filter, the first page and nothing selected', () => {
    const state = parsePageState('');
    expect(state).toEqual({ filter: DEFAULT_FILTER, limit: DEFAULT_LIMIT, offset: 0, selected: null, create: null });
    expect(pageSearch(state)).toBe('');
    expect(hasFilter(state.filter)).toBe(false);
  });

  it('opens on the hazards not yet closed out; 全部 names every status and stays in the URL', () => {
    const opened = parsePageState('');
    expect(opened.filter.statuses).toEqual(['pending', 'in_progress', 'awaiting_review']);
    expect(listParams(opened).get('status')).toBe('pending,in_progress,awaiting_review');
    const all = { ...opened, filter: { ...opened.filter, statuses: ['pending', 'in_progress', 'awaiting_review', 'closed'] } };
    expect(pageSearch(all)).toBe('?status=pending%2Cin_progress%2Cawaiting_review%2Cclosed');
    expect(parsePageState(pageSearch(all))).toEqual(all);
    expect(hasFilter(all.filter)).toBe(true);
  });

  it('keeps unknown codes as written so the API can name them (a hand-edited URL)', () => {
    const state = parsePageState('?category=nonsense&status=gone');
    expect(state.filter.categories).toEqual(['nonsense']);
    expect(filterParams(state.filter).toString()).toBe('category=nonsense&status=gone');
  });

  it('ignores a malformed page or selection instead of failing', () => {
    const state = parsePageState('?limit=abc&offset=-3&selected=x1');
    expect([state.limit, state.offset, state.selected]).toEqual([DEFAULT_LIMIT, 0, null]);
    expect(parsePageState('?limit=5000').limit).toBe(1000);
  });

  it('writes the filter back in the API parameter names and reads it unchanged (round trip)', () => {
    const original = parsePageState(
      `?village=140000000001&within=${encodeURIComponent(JSON.stringify(square))}&category=straw&overdue=true&q=abc&offset=50&selected=3`,
    );
    const again = parsePageState(pageSearch(original));
    expect(again).toEqual(original);
    expect(listParams(original).toString()).toBe(
      `village=140000000001&category=straw&${OPEN}&within=${encodeURIComponent(JSON.stringify(square)).replace(/%20/g, '+')}` +
        '&overdue=true&q=abc&limit=50&offset=50',
    );
  });

  it('drops radius_m without near (the API refuses it alone) and empty text', () => {
    const filter = { ...DEFAULT_FILTER, statuses: [], radiusM: '300', q: '   ' };
    expect(filterParams(filter).toString()).toBe('');
  });

  it('exports the filter without the page or selection', () => {
    const state = parsePageState('?severity=major&limit=20&offset=40&selected=7');
    expect(exportHref(state.filter, 'xlsx')).toBe(`/api/v1/hazards/export?severity=major&${OPEN}&format=xlsx`);
    expect(exportHref(DEFAULT_FILTER, 'geojson')).toBe(`/api/v1/hazards/export?${OPEN}&format=geojson`);
  });

  it('with new=1, category, rule, measurement and place describe the new hazard, not the filter', () => {
    const state = parsePageState(
      '?new=1&village=140000000001&category=spacing&rule_id=spacing.GB50039.3-4&measured=4.25&lon=111.55&lat=37.52' +
        '&description=%E9%97%B4%E8%B7%9D%E4%B8%8D%E8%B6%B3',
    );
    expect(state.filter.categories).toEqual([]);
    expect(state.filter.villages).toEqual(['140000000001']);
    expect(state.create).toEqual({
      category: 'spacing',
      rule_id: 'spacing.GB50039.3-4',
      measured: 4.25,
      lon: 111.55,
      lat: 37.52,
      description: '间距不足',
    });
    expect(parsePageState(pageSearch(state))).toEqual(state);
    // Closing the form drops the prefill.
    expect(pageSearch({ ...state, create: null })).toBe('?village=140000000001');
  });

  it('skips prefill numbers that are not numbers', () => {
    expect(parsePageState('?new=1&lon=abc&lat=&measured=1e400').create).toEqual({});
    expect(parsePageState('?new=1&building_id=0&paired_building_id=1.5').create).toEqual({});
  });

  it('carries the two buildings of a spacing finding into the new hazard and back into the URL', () => {
    const state = parsePageState('?new=1&category=spacing&building_id=12&paired_building_id=34');
    expect(state.create).toEqual({ category: 'spacing', building_id: 12, paired_building_id: 34 });
    expect(parsePageState(pageSearch(state))).toEqual(state);
  });

  it('parses the drawn area and the near point, refusing what is malformed', () => {
    expect(parsedWithin({ ...DEFAULT_FILTER, within: JSON.stringify(square) })).toEqual(square);
    expect(parsedWithin({ ...DEFAULT_FILTER, within: '{"type":"Point","coordinates":[1,2]}' })).toBeNull();
    expect(parsedWithin({ ...DEFAULT_FILTER, within: 'not json' })).toBeNull();
    expect(parsedNear({ ...DEFAULT_FILTER, near: '111.5,37.5', radiusM: '250' })).toEqual({ lon: 111.5, lat: 37.5, radiusM: 250 });
    expect(parsedNear({ ...DEFAULT_FILTER, near: '111.5,37.5' })).toEqual({ lon: 111.5, lat: 37.5, radiusM: 200 });
    expect(parsedNear({ ...DEFAULT_FILTER, near: '111.5' })).toBeNull();
  });

  it('writes drawn coordinates to 6 decimals', () => {
    const drawn = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [111.12345678, 37.1],
          [111.2, 37.987654321],
          [111.12345678, 37.1],
        ],
      ],
    };
    expect(withinText(drawn)).toBe('{"type":"Polygon","coordinates":[[[111.123457,37.1],[111.2,37.987654],[111.123457,37.1]]]}');
    expect(nearText(111.5, 37.25)).toBe('111.500000,37.250000');
  });

  it("reads the area and the point by the list API's own definition, so the map never draws what the API refuses", () => {
    const unclosed = {
      type: 'Polygon',
      coordinates: [
        [
          [111.5, 37.5],
          [111.6, 37.5],
          [111.6, 37.6],
          [111.5, 37.6],
        ],
      ],
    };
    const projected = {
      type: 'Polygon',
      coordinates: [
        [
          [597437, 4138141],
          [597537, 4138141],
          [597537, 4138241],
          [597437, 4138141],
        ],
      ],
    };
    const refused = [
      { ...DEFAULT_FILTER, within: JSON.stringify(unclosed) },
      { ...DEFAULT_FILTER, within: JSON.stringify(projected) },
      { ...DEFAULT_FILTER, near: '111.5,37.5', radiusM: '20000' },
      { ...DEFAULT_FILTER, near: '111.5,37.5', radiusM: '0' },
    ];
    expect(refused.map((filter) => parsedWithin(filter) ?? parsedNear(filter))).toEqual([null, null, null, null]);
    for (const filter of refused) {
      expect(() => parseHazardFilter(filterParams(filter), new Set()), filterParams(filter).toString()).toThrow(/within|radius_m/);
    }
    const accepted = { ...DEFAULT_FILTER, within: JSON.stringify(square), near: '111.5,37.5', radiusM: '10000' };
    expect(parseHazardFilter(filterParams(accepted), new Set())).toMatchObject({
      within: parsedWithin(accepted),
      near: parsedNear(accepted),
    });
  });
});
