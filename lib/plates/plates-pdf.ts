import QRCode from 'qrcode';
import type { PlateEntry, VillagePlates } from '../../db/queries/plates';
import { type Doc, FONT, newDocument, PAGE, toBuffer } from '../reports/pdf-kit';
import { platePath } from './plate-url';

// Three across, four down on A4: plates about 6 × 6.5 cm, big enough to scan from arm's length.
const COLUMNS = 3;
const ROWS = 4;
const GAP = 10;
const QR_SIZE = 118;

const KIND_LABEL: Record<PlateEntry['kind'], string> = { building: '建筑', unit: '社会单位' };

// Modules of white around the code, the quiet zone a reader needs.
const QUIET_MODULES = 2;

/**
 * Draws a QR code as vector squares (one rectangle per horizontal run of dark modules, filled once): sharp at
 * any print size, and much quicker than encoding and embedding a bitmap per plate.
 */
function drawQr(doc: Doc, url: string, x: number, y: number, size: number): void {
  // Error correction M survives a scuffed plate.
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const count = modules.size;
  const cell = size / (count + 2 * QUIET_MODULES);
  const left = x + QUIET_MODULES * cell;
  const top = y + QUIET_MODULES * cell;
  doc.save();
  for (let row = 0; row < count; row++) {
    let start = -1;
    for (let column = 0; column <= count; column++) {
      const dark = column < count && modules.get(row, column);
      if (dark && start < 0) start = column;
      if (!dark && start >= 0) {
        doc.rect(left + start * cell, top + row * cell, (column - start) * cell, cell);
        start = -1;
      }
    }
  }
  doc.fill('#000000').restore();
}

/**
 * A village's house plates (一户一码) as an A4 PDF: one plate per building and social unit with its QR code
 * (the app address of the record), its code, name and the village's name.
 */
export async function platesPdf(sheet: VillagePlates, origin: string): Promise<Buffer> {
  const doc = newDocument(`${sheet.village.name} 一户一码门牌`);
  const usableWidth = PAGE.width - 2 * PAGE.margin;
  const usableHeight = PAGE.height - 2 * PAGE.margin - 24;
  const cellWidth = (usableWidth - (COLUMNS - 1) * GAP) / COLUMNS;
  const cellHeight = (usableHeight - (ROWS - 1) * GAP) / ROWS;
  const perPage = COLUMNS * ROWS;
  const pages = Math.max(1, Math.ceil(sheet.plates.length / perPage));

  for (let page = 0; page < pages; page++) {
    if (page > 0) doc.addPage();
    doc
      .font(FONT)
      .fillColor('#9f1d1d')
      .fontSize(12)
      .text(`${sheet.village.name} · 一户一码门牌（第 ${page + 1}/${pages} 页）`, PAGE.margin, PAGE.margin, { lineBreak: false });
    const top = PAGE.margin + 24;
    const onPage = sheet.plates.slice(page * perPage, (page + 1) * perPage);
    for (const [index, plate] of onPage.entries()) {
      const x = PAGE.margin + (index % COLUMNS) * (cellWidth + GAP);
      const y = top + Math.floor(index / COLUMNS) * (cellHeight + GAP);
      doc.save().roundedRect(x, y, cellWidth, cellHeight, 6).lineWidth(1).stroke('#9f1d1d').restore();
      drawQr(doc, `${origin}${platePath(plate.kind, plate.code)}`, x + (cellWidth - QR_SIZE) / 2, y + 10, QR_SIZE);
      const textWidth = cellWidth - 12;
      let line = y + 16 + QR_SIZE;
      doc
        .fillColor('#1d2733')
        .fontSize(10.5)
        .text(plate.code, x + 6, line, { width: textWidth, align: 'center', lineBreak: false });
      line += 14;
      doc
        .fontSize(9.5)
        .text(plate.name ?? '（未命名）', x + 6, line, { width: textWidth, align: 'center', lineBreak: false, ellipsis: true });
      line += 13;
      doc
        .fillColor('#607080')
        .fontSize(8.5)
        .text(`${sheet.village.name} · ${KIND_LABEL[plate.kind]}`, x + 6, line, { width: textWidth, align: 'center', lineBreak: false });
    }
  }
  return toBuffer(doc);
}
