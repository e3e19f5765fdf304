import PDFDocument from 'pdfkit';
import { DEMO_NOTE } from './figure-rows';
import { locateReportFont } from './font';

export type Doc = PDFKit.PDFDocument;

export const PAGE = { width: 595.28, height: 841.89, margin: 48 } as const;
export const FONT = 'cjk';

/** An A4 document with the Chinese font embedded (subset) and registered as `cjk`. */
export function newDocument(title: string): Doc {
  const font = locateReportFont();
  const doc = new PDFDocument({ size: 'A4', margin: PAGE.margin, info: { Title: title, Producer: '刘胡兰镇消防安全一张图' } });
  doc.registerFont(FONT, font.path, font.family as string);
  doc.font(FONT);
  return doc;
}

export function toBuffer(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** Title, subtitle lines and, for demo data, the 示例数据 mark in the top right corner. */
export function titleBlock(doc: Doc, title: string, lines: string[], demo: boolean): void {
  doc
    .fillColor('#9f1d1d')
    .fontSize(17)
    .text(title, PAGE.margin, PAGE.margin, { width: PAGE.width - 2 * PAGE.margin - 90 });
  doc.fillColor('#333333').fontSize(9.5);
  for (const line of lines) doc.text(line, { width: PAGE.width - 2 * PAGE.margin - 140 });
  if (demo) {
    const x = PAGE.width - PAGE.margin - 82;
    doc.save().roundedRect(x, PAGE.margin, 82, 22, 4).fill('#ffd54f').restore();
    doc
      .fillColor('#4e3400')
      .fontSize(11)
      .text('示例数据', x, PAGE.margin + 5, { width: 82, align: 'center' });
    doc
      .fillColor('#8a6d00')
      .fontSize(7)
      .text(DEMO_NOTE, x - 40, PAGE.margin + 25, { width: 122, align: 'right' });
  }
  doc.fillColor('#000000');
}

/** Rows of label | value, one per line (pdftotext reads each as one line). Returns the y below the table. */
export function figureTable(doc: Doc, rows: { label: string; text: string }[], x: number, y: number, width: number): number {
  const rowHeight = 17;
  doc.fontSize(10);
  rows.forEach((row, i) => {
    const top = y + i * rowHeight;
    if (i % 2 === 0) doc.save().rect(x, top, width, rowHeight).fill('#f3f5f8').restore();
    doc.fillColor('#1d2733').text(row.label, x + 6, top + 4, { width: width * 0.68, lineBreak: false });
    doc.text(row.text, x + width * 0.68, top + 4, { width: width * 0.32 - 8, align: 'right', lineBreak: false });
  });
  doc
    .save()
    .rect(x, y, width, rows.length * rowHeight)
    .lineWidth(0.5)
    .stroke('#c5ced8')
    .restore();
  return y + rows.length * rowHeight;
}

export function sectionTitle(doc: Doc, text: string, x: number, y: number): number {
  doc
    .save()
    .rect(x, y + 2, 3, 12)
    .fill('#9f1d1d')
    .restore();
  doc
    .fillColor('#1d2733')
    .fontSize(12)
    .text(text, x + 8, y, { lineBreak: false });
  return y + 20;
}

/** A simple table with column widths; breaks onto new pages. Returns the y below it. */
export function listTable(doc: Doc, columns: { title: string; width: number }[], rows: string[][], x: number, y: number): number {
  const rowHeight = 15;
  const drawHeader = (top: number) => {
    doc
      .save()
      .rect(
        x,
        top,
        columns.reduce((s, c) => s + c.width, 0),
        rowHeight,
      )
      .fill('#e3e8ee')
      .restore();
    let left = x;
    doc.fillColor('#1d2733').fontSize(8.5);
    for (const column of columns) {
      doc.text(column.title, left + 3, top + 3.5, { width: column.width - 6, lineBreak: false });
      left += column.width;
    }
    return top + rowHeight;
  };
  let top = drawHeader(y);
  for (const row of rows) {
    if (top + rowHeight > PAGE.height - PAGE.margin) {
      doc.addPage();
      top = drawHeader(PAGE.margin);
    }
    let left = x;
    doc.fillColor('#1d2733').fontSize(8);
    row.forEach((cell, i) => {
      const width = columns[i]?.width ?? 0;
      doc.text(cell, left + 3, top + 3.5, { width: width - 6, lineBreak: false, ellipsis: true, height: rowHeight });
      left += width;
    });
    doc
      .save()
      .moveTo(x, top + rowHeight)
      .lineTo(left, top + rowHeight)
      .lineWidth(0.3)
      .stroke('#d5dbe2')
      .restore();
    top += rowHeight;
  }
  return top;
}

const SIGN_OFF_HEIGHT = 74;

/**
 * The sign-off a report needs before it is sent up (填报人, 审核人, 填报日期, and room for the village's seal),
 * below `y` or at the top of a new page when the page has no room left. Returns the y below it.
 */
export function signOffBlock(doc: Doc, y: number): number {
  let top = y + 16;
  if (top + SIGN_OFF_HEIGHT > PAGE.height - PAGE.margin) {
    doc.addPage();
    top = PAGE.margin;
  }
  const width = PAGE.width - 2 * PAGE.margin;
  const cells = [
    { label: '填报人（签字）', width: width * 0.26 },
    { label: '审核人（签字）', width: width * 0.26 },
    { label: '填报日期', width: width * 0.2 },
    { label: '盖章处', width: width * 0.28 },
  ];
  let left = PAGE.margin;
  doc.lineWidth(0.6).strokeColor('#9aa5b1');
  for (const cell of cells) {
    doc.rect(left, top, cell.width, SIGN_OFF_HEIGHT).stroke();
    doc
      .fillColor('#1d2733')
      .fontSize(9)
      .text(cell.label, left + 6, top + 6, { width: cell.width - 12, lineBreak: false });
    left += cell.width;
  }
  doc
    .fillColor('#777777')
    .fontSize(8)
    .text('年    月    日', PAGE.margin + width * 0.52 + 6, top + SIGN_OFF_HEIGHT - 18, { lineBreak: false });
  return top + SIGN_OFF_HEIGHT;
}

/** A note in the bottom margin of the current page (the margin is lifted so pdfkit does not start a new page). */
export function footer(doc: Doc, text: string): void {
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc
    .fontSize(7.5)
    .fillColor('#777777')
    .text(text, PAGE.margin, PAGE.height - PAGE.margin + 14, { lineBreak: false });
  doc.page.margins.bottom = bottom;
}
