import ExcelJS from 'exceljs';
import type { MessageKey } from '../i18n';
import { percent } from '../screen/types';
import { DEMO_NOTE, FIGURE_KEYS, figureLabel, figureRows, label, monthTitle, t } from './figure-rows';
import type { AnnualReport, MonthlyReport } from './report-data';

const BOLD = { bold: true } as const;

function header(sheet: ExcelJS.Worksheet, title: string, lines: string[]): void {
  sheet.addRow([title]).font = { bold: true, size: 14 };
  for (const line of lines) sheet.addRow([line]);
  sheet.addRow([]);
}

/** Text a spreadsheet must not read as a formula (CSV/XLSX injection): leading = + - @ get a quote. */
const safe = (text: string | null) => (text && /^[=+\-@]/.test(text) ? `'${text}` : (text ?? ''));

/** 每月报送 as XLSX: the figures (label | value), then the hazards found in the month or open at its end. */
export async function monthlyXlsx(report: MonthlyReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.created = new Date(`${report.today}T00:00:00+08:00`);
  const sheet = book.addWorksheet('月报');
  header(sheet, `${report.village.name} ${monthTitle(report.month)} 消防安全治本攻坚工作月报`, [
    `村代码：${report.village.code}`,
    `统计期：${report.figures.from} 至 ${report.figures.asOf}`,
    ...(report.demo ? [DEMO_NOTE] : []),
  ]);
  sheet.addRow(['指标', '数值']).font = BOLD;
  for (const row of figureRows(report.figures)) sheet.addRow([row.label, row.value ?? '—']);
  sheet.getColumn(1).width = 26;
  sheet.getColumn(2).width = 14;

  const list = book.addWorksheet('隐患清单');
  list.addRow(['编号', '类别', '等级', '状态（期末）', '发现日期', '整改期限', '销号日期', '期末逾期', '责任人', '描述']).font = BOLD;
  for (const h of report.hazards) {
    list.addRow([
      h.code,
      label('category', h.category),
      label('severity', h.severity),
      label('hazard_status', h.status),
      h.found_on,
      h.deadline,
      h.closed_on ?? '',
      h.overdue ? '是' : '否',
      safe(h.responsible_person),
      safe(h.description),
    ]);
  }
  list.columns.forEach((column, i) => (column.width = i === 9 ? 48 : 13));
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** 年度工作总结 as XLSX: the year's figures, by month, by village, and the campaign's progress. */
export async function annualXlsx(report: AnnualReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const summary = book.addWorksheet('年度汇总');
  header(summary, `${report.area} ${report.year}年 消防安全治本攻坚年度工作总结`, [
    `统计期：${report.figures.from} 至 ${report.figures.asOf}`,
    ...(report.demo ? [DEMO_NOTE] : []),
  ]);
  summary.addRow(['指标', '数值']).font = BOLD;
  for (const row of figureRows(report.figures)) summary.addRow([row.label, row.value ?? '—']);
  summary.addRow([]);
  summary.addRow(['年末隐患销号率', percent(report.trend.at(-1)?.closureRate ?? null)]);
  summary.getColumn(1).width = 28;
  summary.getColumn(2).width = 16;

  const grid = (name: string, first: string, rows: { key: string; figures: Record<string, unknown> }[]) => {
    const sheet = book.addWorksheet(name);
    sheet.addRow([first, ...FIGURE_KEYS.map(figureLabel)]).font = BOLD;
    for (const row of rows) sheet.addRow([row.key, ...FIGURE_KEYS.map((k) => (row.figures[k] ?? '—') as number | string)]);
    sheet.columns.forEach((column) => (column.width = 12));
  };
  grid(
    '分月',
    '月份',
    report.months.map((m) => ({ key: m.from.slice(0, 7), figures: m as unknown as Record<string, unknown> })),
  );
  grid(
    '分村',
    '村',
    report.villages.map((v) => ({ key: v.name, figures: v as unknown as Record<string, unknown> })),
  );

  const progress = book.addWorksheet('攻坚进度');
  progress.addRow(['项目', '达标/完成', '总数', '占比', '目标']).font = BOLD;
  for (const m of report.passages.milestones.filter((milestone) => Number(milestone.date.slice(0, 4)) <= report.year)) {
    progress.addRow([`通道障碍物清除（截至${m.asOf}）`, m.cleared, m.found, percent(m.clearedShare), percent(m.target, 0)]);
  }
  for (const g of report.people.training) {
    progress.addRow([`明白人 ${t(`screen.people.${g.id}` as MessageKey)}（截至${g.asOf}）`, g.unitsMet, g.units, percent(g.share), '100%']);
  }
  const d = report.people.drills;
  progress.addRow([`重点单位演练≥3次（${d.year}年）`, d.targetUnitsMet, d.targetUnits, percent(d.share), '100%']);
  progress.columns.forEach((column, i) => (column.width = i === 0 ? 40 : 12));
  return Buffer.from(await book.xlsx.writeBuffer());
}
