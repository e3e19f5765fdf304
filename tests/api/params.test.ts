import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseBbox, parseLayer, parseTileAddress, parseTileLayer, parseVillages } from '../../lib/api/params';
import { parseQuery, queryBoolean, queryDate, queryList, queryNumber, queryObject } from '../../lib/api/query';

describe('API parameter parsing', () => {
  it('reads a bbox and refuses malformed, inverted or projected ones', () => {
    expect(parseBbox('112.0,37.3,112.2,37.4')).toEqual([112.0, 37.3, 112.2, 37.4]);
    expect(parseBbox(null)).toBeUndefined();
    expect(() => parseBbox('112,37,113')).toThrow(/four numbers/);
    expect(() => parseBbox('a,b,c,d')).toThrow(/four numbers/);
    expect(() => parseBbox('112.2,37.3,112.0,37.4')).toThrow(/west < east/);
    expect(() => parseBbox('597437,4138141,597537,4138241')).toThrow(/degrees/);
  });

  it('reads z/x/y tiles and refuses out-of-range ones', () => {
    expect(parseTileAddress('14', '13293', '6340.mvt')).toEqual({ z: 14, x: 13293, y: 6340 });
    expect(() => parseTileAddress('23', '0', '0.mvt')).toThrow(/z must be between 0 and 22/);
    expect(() => parseTileAddress('2', '4', '0.mvt')).toThrow(/below 4 at z=2/);
    expect(() => parseTileAddress('2', '-1', '0.mvt')).toThrow(/whole numbers/);
    expect(() => parseTileAddress('2', '1', 'x.mvt')).toThrow(/whole numbers/);
  });

  it('knows the layer names and which are tiled', () => {
    expect(parseLayer('water-sources')).toBe('water-sources');
    expect(() => parseLayer('<script>')).toThrow(/unknown layer "<script>"/);
    expect(parseTileLayer('buildings')).toBe('buildings');
    expect(() => parseTileLayer('stations')).toThrow(/not served as tiles/);
  });

  it('accepts only known village codes, repeated or comma-separated', () => {
    const known = new Set(['141121104201', '141121104202']);
    const params = new URLSearchParams('village=141121104201&village=141121104202,141121104201');
    expect(parseVillages(params, known)).toEqual(['141121104201', '141121104202']);
    expect(() => parseVillages(new URLSearchParams('village=999'), known)).toThrow(/unknown village code "999"/);
  });

  it('reads a query string one way: given once a string, repeated an array, blank as absent', () => {
    expect(queryObject(new URLSearchParams('a=1&b=2&b=3&c=&d=%20&e=x&e='))).toEqual({ a: '1', b: ['2', '3'], e: 'x' });
    const schema = z.object({
      status: queryList('status', ['open', 'closed']),
      overdue: queryBoolean('overdue'),
      from: queryDate('from'),
      radius: queryNumber('radius', 1, 100),
    });
    expect(parseQuery(new URLSearchParams('status=open,closed&status=open&overdue=false&from=2024-02-29&radius=2.5'), schema)).toEqual({
      status: ['open', 'closed'],
      overdue: false,
      from: '2024-02-29',
      radius: 2.5,
    });
    expect(parseQuery(new URLSearchParams(''), schema)).toEqual({ status: [] });
    const refused = (query: string) => () => parseQuery(new URLSearchParams(query), schema);
    expect(refused('status=gone')).toThrow('unknown status "gone"; use one of open, closed');
    expect(refused('overdue=yes')).toThrow('overdue must be true or false');
    expect(refused('from=2026-02-30')).toThrow(
      'from must be a real date between 2000-01-01 and 2099-12-31, written YYYY-MM-DD, got "2026-02-30"',
    );
    expect(refused('from=9999-12-31')).toThrow('from must be a real date between 2000-01-01 and 2099-12-31');
    expect(refused('radius=1e2')).toThrow('radius must be a number from 1 to 100');
    expect(refused('radius=1&radius=2')).toThrow('radius may be given once');
  });
});
