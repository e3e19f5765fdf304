import { describe, expect, it } from 'vitest';
import { InvalidFilterError } from '../../lib/api/errors';
import { ogcCollection } from '../../lib/ogc/collections';
import { parseCql2 } from '../../lib/ogc/cql2';
import { parseCrs } from '../../lib/ogc/crs';
import { resolveFilter } from '../../lib/ogc/filter';

const buildings = ogcCollection('buildings')!;
const resolve = (text: string) => resolveFilter(parseCql2(text), buildings, parseCrs(null, 'filter-crs'));

describe('the CQL2 text parser', () => {
  it('gives AND precedence over OR, and NOT over both', () => {
    expect(parseCql2("a = 1 OR NOT b = 'x' AND c IS NOT NULL")).toEqual({
      op: 'or',
      args: [
        { op: 'compare', operator: '=', left: { kind: 'property', name: 'a' }, right: { kind: 'number', value: 1 } },
        {
          op: 'and',
          args: [
            {
              op: 'not',
              arg: { op: 'compare', operator: '=', left: { kind: 'property', name: 'b' }, right: { kind: 'string', value: 'x' } },
            },
            { op: 'isNull', negated: true, value: { kind: 'property', name: 'c' } },
          ],
        },
      ],
    });
  });

  it('reads LIKE, NOT IN, BETWEEN, dates, quoted names and doubled quotes', () => {
    expect(parseCql2(`"name" NOT LIKE 'O''Brien%'`)).toEqual({
      op: 'like',
      negated: true,
      value: { kind: 'property', name: 'name' },
      pattern: { kind: 'string', value: "O'Brien%" },
    });
    expect(parseCql2('floors NOT IN (1, 2)')).toMatchObject({ op: 'in', negated: true, list: [{ value: 1 }, { value: 2 }] });
    expect(parseCql2("found_on BETWEEN DATE('2025-01-01') AND DATE('2025-12-31')")).toMatchObject({
      op: 'between',
      low: { kind: 'date', value: '2025-01-01' },
      high: { kind: 'date', value: '2025-12-31' },
    });
    // An instant is read as its China date: 2025-03-01T20:00Z is 2025-03-02 in China.
    expect(parseCql2("found_on = TIMESTAMP('2025-03-01T20:00:00Z')")).toMatchObject({ right: { kind: 'date', value: '2025-03-02' } });
  });

  it('reads BBOX as west,south,east,north and ENVELOPE as west,east,north,south into the same polygon', () => {
    const bbox = parseCql2('S_INTERSECTS(geometry, BBOX(1, 2, 3, 4))');
    expect(parseCql2('S_INTERSECTS(ENVELOPE(1, 3, 4, 2), geometry)')).toEqual(bbox);
    expect(bbox).toEqual({
      op: 'intersects',
      property: 'geometry',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [1, 2],
            [3, 2],
            [3, 4],
            [1, 4],
            [1, 2],
          ],
        ],
      },
    });
  });

  it.each([
    ['', 'empty'],
    ['floors =', 'ends too early'],
    ['floors = 1 floors', 'after the end'],
    ["name = 'open", 'unterminated'],
    ['floors ~ 1', 'unexpected character'],
    ['(floors = 1', 'ends too early'],
    ['(floors = 1 2', 'expected ")"'],
    ['S_INTERSECTS(geometry, POLYGON((0 0, 1 0, 1 1)))', 'closed'],
    ['S_INTERSECTS(geometry, BBOX(3, 2, 1, 4))', 'west < east'],
    ['S_INTERSECTS(geometry, geometry)', 'geometry literal'],
    ['floors = 1 AND AND', 'unexpected AND'],
    [`${'('.repeat(60)}floors = 1${')'.repeat(60)}`, 'nested'],
  ])('refuses %j (%s)', (text, message) => {
    expect(() => parseCql2(text)).toThrow(InvalidFilterError);
    expect(() => parseCql2(text)).toThrow(message);
  });
});

describe('a filter checked against the queryables', () => {
  it('types each side by its queryable, and a quoted date by the date it sits next to', () => {
    expect(resolve('floors > 2.5')).toEqual({
      op: 'compare',
      operator: '>',
      left: { kind: 'column', name: 'floors', type: 'integer' },
      right: { kind: 'value', value: 2.5, type: 'number' },
    });
    const hazards = ogcCollection('hazards')!;
    expect(resolveFilter(parseCql2("found_on >= '2025-01-01'"), hazards, parseCrs(null, 'filter-crs'))).toMatchObject({
      right: { type: 'date', value: '2025-01-01' },
    });
  });

  it.each([
    ['secret = 1', 'not a queryable'],
    ["floors = 'two'", 'cannot compare'],
    ['floors LIKE 1', 'LIKE applies to text'],
    ['has_smoke_alarm < true', 'compare only with'],
    ['S_INTERSECTS(floors, BBOX(1, 2, 3, 4))', 'applies to the "geometry"'],
  ])('refuses %j (%s)', (text, message) => {
    expect(() => resolve(text)).toThrow(InvalidFilterError);
    expect(() => resolve(text)).toThrow(message);
  });
});
