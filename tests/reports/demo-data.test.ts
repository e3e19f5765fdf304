import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { hazardsByVillage, incidentComparison, passageProgress, peopleProgress, periodFigures } from '../../db/queries/stats';
import { seedIfEmpty } from '../../db/seed';
import { FIGURE_KEYS, figureLabel } from '../../lib/reports/figure-rows';
import { monthlyPdf } from '../../lib/reports/pdf';
import { monthlyReportData } from '../../lib/reports/report-data';
import { monthlyXlsx } from '../../lib/reports/xlsx';
import { testEngines } from '../helpers/engines';
import { geodataFigures } from './geodata-figures';
import { pdfText, pdfValue, xlsxPairs } from './read-back';

const TODAY = '2026-11-30';
const VILLAGE = '141121104213'; // 南安村: most open hazards in the demo town
const files = geodataFigures();

describe.each(testEngines)('figures of the demo town on $name, against counts from the geodata files', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.open();
    await seedIfEmpty(handle.db, 'geodata');
  });
  afterAll(() => handle?.close());

  it('gives every village month and the town figures the files give', async () => {
    const cases: [string | null, string, string][] = [
      [VILLAGE, '2026-10-01', '2026-10-31'],
      [VILLAGE, '2025-03-01', '2025-03-31'],
      [null, '2026-11-01', '2026-11-30'],
      [null, '2025-01-01', '2025-12-31'],
      [null, '2024-01-01', '2024-12-31'],
    ];
    for (const [village, from, to] of cases) {
      const figures = await periodFigures(handle.db, { villages: village ? [village] : [], from, to, today: TODAY });
      expect(figures, `${village ?? 'town'} ${from}`).toMatchObject(files.period(village, from, to));
    }
    // Every village's 2025 (obstacles by their passage's village, drills by their unit's).
    for (const village of files.villages) {
      const figures = await periodFigures(handle.db, { villages: [village], from: '2025-01-01', to: '2025-12-31', today: TODAY });
      expect(figures, village).toMatchObject(files.period(village, '2025-01-01', '2025-12-31'));
    }
  });

  it('has the README numbers as of today: 50 open hazards, 45 overdue', async () => {
    const ranking = await hazardsByVillage(handle.db, { villages: [], today: TODAY });
    expect(ranking.reduce((s, v) => s + v.open, 0)).toBe(50);
    expect(ranking.reduce((s, v) => s + v.overdue, 0)).toBe(45);
    expect(ranking).toHaveLength(18);
    expect(ranking[0]!.code).toBe(VILLAGE);
    const town = files.period(null, '2026-11-01', TODAY);
    expect(ranking.reduce((s, v) => s + v.openMajor, 0)).toBe(town.openMajorAtEnd);
  });

  it('measures the campaign targets as the files do', async () => {
    const people = await peopleProgress(handle.db, { villages: [], today: TODAY });
    expect(people.training.map(({ units, unitsMet }) => ({ units, unitsMet }))).toEqual([
      files.trained(['key_unit'], '2024-12-31'),
      files.trained(['crowded'], '2025-12-31'),
      files.trained([], TODAY),
    ]);
    expect(people.drills).toMatchObject(files.drilled(2026, TODAY));
    const passages = await passageProgress(handle.db, { villages: [], today: TODAY });
    expect(passages.milestones.map(({ found, cleared }) => ({ found, cleared }))).toEqual([
      files.obstaclesBy('2024-12-31'),
      files.obstaclesBy('2025-12-31'),
      files.obstaclesBy(TODAY),
    ]);
    const incidents = await incidentComparison(handle.db, { villages: [], today: TODAY });
    const inYear = (year: string) => files.incidents.filter((f) => f.occurred_on.startsWith(year));
    expect(incidents.totals.fires).toBe(inYear('2026').length);
    expect(incidents.totals.firesLastYear).toBe(inYear('2025').length);
    expect(incidents.totals.deathsLastYear).toBe(inYear('2025').reduce((s, f) => s + f.deaths, 0));
  });

  it('prints the files’ figures for 南安村, October 2026, in the XLSX and the PDF', async () => {
    const expected = files.period(VILLAGE, '2026-10-01', '2026-10-31');
    const report = await monthlyReportData(handle.db, { village: VILLAGE, month: '2026-10', today: TODAY });
    const pairs = await xlsxPairs(await monthlyXlsx(report), '月报');
    const text = pdfText(await monthlyPdf(report));
    for (const key of FIGURE_KEYS) {
      const value = expected[key];
      expect(pairs.get(figureLabel(key)), key).toBe(value ?? '—');
      expect(pdfValue(text, figureLabel(key)), key).toBe(value === null ? '—' : String(value));
    }
  });
});
