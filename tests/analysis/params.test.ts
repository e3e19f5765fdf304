import { describe, expect, it } from 'vitest';
import { GET } from '../../app/api/v1/analysis/[name]/route';
import { parseAnalysisName, parseAnalysisOptions } from '../../lib/analysis/params';
import { chinaMonth } from '../../lib/time';

const known = new Set(['141121104201', '141121104202']);
const parse = (query: string, now?: Date) => parseAnalysisOptions(new URLSearchParams(query), known, now);

describe('analysis API parameters', () => {
  it('knows the eight analyses', () => {
    expect(parseAnalysisName('water-coverage')).toBe('water-coverage');
    expect(() => parseAnalysisName('<b>x')).toThrow(/unknown analysis "<b>x"; use one of spacing, clusters/);
  });

  it('reads villages, ruleset, month, target and hose distance, with defaults', () => {
    expect(parse('village=141121104201&village=141121104202&ruleset=gb 50016&month=7&target_min=12.5&hose_m=80')).toEqual({
      villages: ['141121104201', '141121104202'],
      ruleset: 'GB50016',
      month: 7,
      targetMin: 12.5,
      hoseM: 80,
    });
    // 2026-01-31 20:00 UTC is already 1 February in China.
    expect(parse('', new Date('2026-01-31T20:00:00Z'))).toEqual({
      villages: [],
      ruleset: 'GB50039',
      month: 2,
      targetMin: undefined,
      hoseM: undefined,
    });
    expect(chinaMonth(new Date('2026-07-15T00:00:00Z'))).toBe(7);
  });

  it('refuses bad values with a message saying what is allowed', () => {
    expect(() => parse('month=13')).toThrow('month must be a whole number from 1 to 12, got "13"');
    expect(() => parse('month=1.5')).toThrow(/month must be a whole number/);
    expect(() => parse('month=1&month=2')).toThrow('month may be given once');
    expect(() => parse('target_min=0')).toThrow(/target_min must be a number from 1 to 240/);
    expect(() => parse('hose_m=-5')).toThrow(/hose_m must be a number from 1 to 500/);
    expect(() => parse('hose_m=1e3')).toThrow(/hose_m must be a number/);
    expect(() => parse('ruleset=GB12345')).toThrow('ruleset must be one of GB50039, GB50016, got "GB12345"');
    expect(() => parse('village=999')).toThrow(/unknown village code "999"/);
  });

  it('answers a request without a session with 401 before touching the database', async () => {
    const response = await GET(new Request('http://x/api/v1/analysis/nope'), { params: Promise.resolve({ name: 'nope' }) });
    expect(response.status).toBe(401);
    expect((await response.json()).error).toBe('请先登录');
  });
});
