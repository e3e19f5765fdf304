import type { Doc } from './pdf-kit';

export interface Series {
  name: string;
  color: string;
  values: number[];
}

/**
 * Grouped bars (one group per label) with an optional line on a 0–100 % right axis, drawn as vector paths.
 * The figures are the report's own, so the chart cannot disagree with its tables.
 */
export function barChart(
  doc: Doc,
  box: { x: number; y: number; width: number; height: number },
  labels: string[],
  bars: Series[],
  line?: { name: string; color: string; values: (number | null)[] },
): void {
  const left = box.x + 26;
  const right = box.x + box.width - (line ? 30 : 6);
  const top = box.y + 16;
  const bottom = box.y + box.height - 16;
  const max = Math.max(1, ...bars.flatMap((s) => s.values));
  const step = niceStep(max);
  const yMax = Math.ceil(max / step) * step;
  const yOf = (v: number) => bottom - (v / yMax) * (bottom - top);

  doc.save().fontSize(7).fillColor('#666666');
  for (let v = 0; v <= yMax; v += step) {
    doc.moveTo(left, yOf(v)).lineTo(right, yOf(v)).lineWidth(0.3).strokeColor('#d5dbe2').stroke();
    doc.text(String(v), box.x, yOf(v) - 3.5, { width: 22, align: 'right', lineBreak: false });
  }
  const groupWidth = (right - left) / labels.length;
  const barWidth = (groupWidth * 0.75) / bars.length;
  labels.forEach((text, i) => {
    const groupLeft = left + i * groupWidth + groupWidth * 0.125;
    bars.forEach((series, s) => {
      const value = series.values[i] ?? 0;
      if (value > 0) doc.rect(groupLeft + s * barWidth, yOf(value), barWidth - 0.5, bottom - yOf(value)).fill(series.color);
    });
    doc.fillColor('#666666').text(text, left + i * groupWidth, bottom + 3, { width: groupWidth, align: 'center', lineBreak: false });
  });
  if (line) {
    const yRate = (v: number) => bottom - (v / 100) * (bottom - top);
    for (const v of [0, 50, 100]) doc.fillColor(line.color).text(`${v}%`, right + 3, yRate(v) - 3.5, { lineBreak: false });
    let started = false;
    line.values.forEach((value, i) => {
      if (value === null) return;
      const px = left + (i + 0.5) * groupWidth;
      if (!started) doc.moveTo(px, yRate(value));
      else doc.lineTo(px, yRate(value));
      started = true;
    });
    if (started) doc.lineWidth(1.5).strokeColor(line.color).stroke();
  }
  // Legend across the top.
  let legendX = left;
  for (const entry of [...bars, ...(line ? [line] : [])]) {
    doc.rect(legendX, box.y + 3, 8, 6).fill(entry.color);
    doc.fillColor('#444444').text(entry.name, legendX + 11, box.y + 1.5, { lineBreak: false });
    legendX += 14 + doc.widthOfString(entry.name) + 10;
  }
  doc.restore();
}

function niceStep(max: number): number {
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  return Math.max(1, (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power); // counts: whole steps
}
