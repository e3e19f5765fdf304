import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';

/** Column A → column B of a sheet, from the first row whose A is `fromLabel` on (the figure table). */
export async function xlsxPairs(buffer: Buffer, sheetName: string): Promise<Map<string, unknown>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = book.getWorksheet(sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  const pairs = new Map<string, unknown>();
  sheet.eachRow((row) => {
    const label = row.getCell(1).value;
    if (typeof label === 'string') pairs.set(label, row.getCell(2).value);
  });
  return pairs;
}

/** Rows of a sheet as arrays of cell values (first row = headers). */
export async function xlsxRows(buffer: Buffer, sheetName: string): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  book.getWorksheet(sheetName)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

/** The PDF's text as poppler's pdftotext reads it (layout kept: a table row is one line). */
export function pdfText(buffer: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'report-')), 'report.pdf');
  fs.writeFileSync(file, buffer);
  try {
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The value printed after a label that starts a line or a column ("发现隐患      3" → "3"). */
export function pdfValue(text: string, label: string): string | null {
  const match = new RegExp(`(?:^|\\s)${escapeRegExp(label)}\\s+(—|-?\\d+(?:\\.\\d+)?%?)`, 'm').exec(text);
  return match ? match[1]! : null;
}

/** The fonts pdffonts lists (to see the CJK font embedded). */
export function pdfFonts(buffer: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'report-')), 'report.pdf');
  fs.writeFileSync(file, buffer);
  try {
    return execFileSync('pdffonts', [file], { encoding: 'utf8' });
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}
