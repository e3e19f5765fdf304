import { describe, expect, it } from 'vitest';
import { locateReportFont, ReportFontMissingError } from '../../lib/reports/font';
import { parseFormat } from '../../lib/reports/http';
import { parseMonthParam, parseYearParam } from '../../lib/reports/period';
import { parseOneVillage } from '../../lib/screen/params';
import { parseTourSeconds, tourStops } from '../../lib/screen/types';
import { chinaToday, monthRange, monthsBetween } from '../../lib/time';

const TODAY = '2026-11-30';
const KNOWN = new Set(['141121104201', '141121104202']);
const params = (query: string) => new URLSearchParams(query);

describe('report and screen parameters', () => {
  it('reads months and years, refusing bad and future ones with a clear message', () => {
    expect(parseMonthParam('2026-10', TODAY)).toBe('2026-10');
    expect(() => parseMonthParam(null, TODAY)).toThrow(/month is required, as YYYY-MM/);
    expect(() => parseMonthParam('2026-13', TODAY)).toThrow(/month must be YYYY-MM/);
    expect(() => parseMonthParam('10/2026', TODAY)).toThrow(/month must be YYYY-MM/);
    expect(() => parseMonthParam('2026-12', TODAY)).toThrow(/after the current month 2026-11/);
    expect(parseYearParam('2025', TODAY)).toBe(2025);
    expect(() => parseYearParam('2027', TODAY)).toThrow(/from 2000 to 2026/);
    expect(() => parseYearParam('20x5', TODAY)).toThrow(/year must be a year/);
    expect(parseFormat('pdf')).toBe('pdf');
    expect(() => parseFormat('docx')).toThrow(/format must be pdf or xlsx, got "docx"/);
    expect(() => parseFormat(null)).toThrow(/format must be pdf or xlsx/);
  });

  it('takes one known village, or none', () => {
    expect(parseOneVillage(params('village=141121104202'), KNOWN)).toBe('141121104202');
    expect(parseOneVillage(params(''), KNOWN)).toBeNull();
    expect(() => parseOneVillage(params(''), KNOWN, true)).toThrow(/village is required/);
    expect(() => parseOneVillage(params('village=141121104299'), KNOWN)).toThrow(/unknown village code "141121104299"/);
    expect(() => parseOneVillage(params('village=141121104201,141121104202'), KNOWN)).toThrow(/village may be given once/);
  });

  it('counts days in China and months across years', () => {
    expect(chinaToday(new Date('2026-11-29T16:30:00Z'))).toBe('2026-11-30'); // 00:30 in Beijing
    expect(monthRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthsBetween('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('tours the town then every village, or stays on the fixed one', () => {
    expect(tourStops(['a', 'b'], null)).toEqual(['', 'a', 'b']);
    expect(tourStops(['a', 'b'], 'b')).toEqual(['b']);
    expect(parseTourSeconds(undefined)).toBe(20);
    expect(parseTourSeconds('0')).toBe(0);
    expect(parseTourSeconds('2')).toBe(5);
    expect(parseTourSeconds('abc')).toBe(20);
  });

  it('finds a CJK font, honours REPORT_FONT, and names the package when there is none', () => {
    expect(locateReportFont({}, (p) => p.endsWith('wqy-microhei.ttc'))).toEqual({
      path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
      family: 'WenQuanYiMicroHei',
    });
    expect(locateReportFont({ REPORT_FONT: '/fonts/x.ttc#XHei' }, () => true)).toEqual({ path: '/fonts/x.ttc', family: 'XHei' });
    expect(() => locateReportFont({}, () => false)).toThrow(ReportFontMissingError);
    expect(() => locateReportFont({}, () => false)).toThrow(/fonts-wqy-microhei/);
  });
});
