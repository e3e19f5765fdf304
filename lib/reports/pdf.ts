import type { MessageKey } from '../i18n';
import { percent } from '../screen/types';
import { figureRows, label, monthTitle, t } from './figure-rows';
import { barChart } from './pdf-charts';
import { figureTable, footer, listTable, newDocument, PAGE, sectionTitle, signOffBlock, titleBlock, toBuffer } from './pdf-kit';
import { drawVillageMap } from './pdf-map';
import type { AnnualReport, MonthlyReport } from './report-data';

const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const SOURCE_NOTE = '数据来源：刘胡兰镇消防安全一张图（隐患清单、通道障碍物、疏散演练、明白人培训、火灾事故记录）。';

/** 每月报送 as PDF: figures beside a small map of the village, then the hazard list of the month. */
export async function monthlyPdf(report: MonthlyReport): Promise<Buffer> {
  const title = `${report.village.name} ${monthTitle(report.month)} 消防安全治本攻坚工作月报`;
  const doc = newDocument(title);
  titleBlock(doc, title, [`村代码：${report.village.code}    统计期：${report.figures.from} 至 ${report.figures.asOf}`], report.demo);
  const top = 108;
  sectionTitle(doc, '本月工作情况', PAGE.margin, top);
  figureTable(doc, figureRows(report.figures), PAGE.margin, top + 22, 250);
  sectionTitle(doc, `村域图（截至${report.figures.asOf}）`, PAGE.margin + 268, top);
  drawVillageMap(doc, report.map, { x: PAGE.margin + 268, y: top + 22, width: CONTENT_WIDTH - 268, height: 270 });

  let y = top + 22 + 17 * 17 + 24;
  y = sectionTitle(doc, `隐患清单（本月发现、本月销号或月末未销号，共 ${report.hazards.length} 项）`, PAGE.margin, y);
  const belowList = listTable(
    doc,
    [
      { title: '编号', width: 52 },
      { title: '类别', width: 66 },
      { title: '等级', width: 50 },
      { title: '月末状态', width: 50 },
      { title: '发现日期', width: 58 },
      { title: '整改期限', width: 58 },
      { title: '逾期', width: 28 },
      { title: '隐患描述', width: CONTENT_WIDTH - 362 },
    ],
    report.hazards.map((h) => [
      h.code,
      label('category', h.category),
      label('severity', h.severity),
      label('hazard_status', h.status),
      h.found_on,
      h.deadline,
      h.overdue ? '是' : '',
      h.description,
    ]),
    PAGE.margin,
    y,
  );
  signOffBlock(doc, belowList);
  footer(doc, SOURCE_NOTE);
  return toBuffer(doc);
}

/** 年度工作总结 as PDF: the year's figures, campaign progress, two charts and the villages' table. */
export async function annualPdf(report: AnnualReport): Promise<Buffer> {
  const title = `${report.area} ${report.year}年 消防安全治本攻坚年度工作总结`;
  const doc = newDocument(title);
  titleBlock(
    doc,
    title,
    [`统计期：${report.figures.from} 至 ${report.figures.asOf}    范围：全镇 ${report.villages.length} 个行政村`],
    report.demo,
  );
  const top = 100;
  sectionTitle(doc, '全年工作情况', PAGE.margin, top);
  figureTable(doc, figureRows(report.figures), PAGE.margin, top + 22, 240);

  const right = PAGE.margin + 258;
  const width = CONTENT_WIDTH - 258;
  sectionTitle(doc, '攻坚目标进度（截至年末）', right, top);
  const progress = [
    { label: '年末隐患销号率', text: percent(report.trend.at(-1)?.closureRate ?? null) },
    // Milestones up to this year's end (later ones would repeat the year-end figure).
    ...report.passages.milestones
      .filter((m) => Number(m.date.slice(0, 4)) <= report.year)
      .map((m) => ({
        label: `清障 ${m.date.slice(0, 4)}年底（目标${percent(m.target, 0)}）`,
        text: `${percent(m.clearedShare)} ${m.cleared}/${m.found}`,
      })),
    ...report.people.training.map((g) => ({
      label: `明白人 ${t(`screen.people.${g.id}` as MessageKey)}`,
      text: `${percent(g.share)} ${g.unitsMet}/${g.units}`,
    })),
    {
      label: `重点单位演练≥3次（${report.people.drills.year}年）`,
      text: `${percent(report.people.drills.share)} ${report.people.drills.targetUnitsMet}/${report.people.drills.targetUnits}`,
    },
    { label: `火灾起数（去年 ${report.incidents.totals.firesLastYear}）`, text: String(report.incidents.totals.fires) },
    { label: `亡人（去年 ${report.incidents.totals.deathsLastYear}）`, text: String(report.incidents.totals.deaths) },
  ];
  figureTable(doc, progress, right, top + 22, width);

  let y = top + 22 + 17 * 17 + 16;
  y = sectionTitle(doc, '隐患发现与销号（分月）', PAGE.margin, y);
  const monthLabels = report.months.map((m) => `${Number(m.from.slice(5, 7))}月`);
  barChart(
    doc,
    { x: PAGE.margin, y, width: CONTENT_WIDTH, height: 150 },
    monthLabels,
    [
      { name: '发现隐患', color: '#ffb300', values: report.months.map((m) => m.hazardsFound) },
      { name: '整改销号', color: '#43a047', values: report.months.map((m) => m.hazardsRectified) },
    ],
    { name: '销号率', color: '#1e88e5', values: report.trend.map((p) => (p.closureRate === null ? null : p.closureRate * 100)) },
  );
  y += 164;
  y = sectionTitle(doc, '火灾起数（今年与去年，分月）', PAGE.margin, y);
  barChart(doc, { x: PAGE.margin, y, width: CONTENT_WIDTH, height: 120 }, monthLabels, [
    { name: `${report.year - 1}年`, color: '#90a4ae', values: report.incidents.months.map((m) => m.firesLastYear) },
    { name: `${report.year}年`, color: '#e53935', values: report.incidents.months.map((m) => m.fires) },
  ]);

  doc.addPage();
  y = sectionTitle(doc, '各村情况', PAGE.margin, PAGE.margin);
  listTable(
    doc,
    [
      { title: '村', width: 70 },
      { title: '发现隐患', width: 50 },
      { title: '整改销号', width: 50 },
      { title: '年末未销号', width: 56 },
      { title: '年末逾期', width: 50 },
      { title: '清除障碍', width: 50 },
      { title: '疏散演练', width: 50 },
      { title: '培训明白人', width: 56 },
      { title: '火灾', width: 34 },
      { title: '亡人', width: CONTENT_WIDTH - 466 },
    ],
    report.villages.map((v) =>
      [
        v.name,
        v.hazardsFound,
        v.hazardsRectified,
        v.openAtEnd,
        v.overdueAtEnd,
        v.obstaclesCleared,
        v.drills,
        v.trainings,
        v.incidents,
        v.deaths,
      ].map(String),
    ),
    PAGE.margin,
    y,
  );
  footer(doc, SOURCE_NOTE);
  return toBuffer(doc);
}
