/**
 * Months of the year as people write them: "1-12", "11,12,1,2", "3-5，9-11", "11月-2月", "3月份-10月份", "全年" (a
 * range may wrap past December). Null when the text is not such a list.
 */
export function parseMonths(raw: string): number[] | null {
  const text = raw.normalize('NFKC').replace(/月份?/g, '').trim();
  if (/^(全年|常年|all year)$/i.test(text)) return [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const months: number[] = [];
  for (const part of text.split(/[,、;/\s]+/).filter(Boolean)) {
    const range = /^(\d{1,2})(?:[-–~至到](\d{1,2}))?$/.exec(part);
    if (!range) return null;
    const from = Number(range[1]);
    const to = Number(range[2] ?? range[1]);
    if (from < 1 || from > 12 || to < 1 || to > 12) return null;
    for (let month = from; ; month = (month % 12) + 1) {
      if (!months.includes(month)) months.push(month);
      if (month === to) break;
    }
  }
  return months.length > 0 ? months : null;
}

/** The months as the shortest list of ranges in calendar order ("1-12", "3-11", "1,3,5"). */
export function formatMonths(months: readonly number[]): string {
  const sorted = [...new Set(months)].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i] as number;
    let end = start;
    while (sorted[i + 1] === end + 1) end = sorted[++i] as number;
    ranges.push(end > start + 1 ? `${start}-${end}` : end === start ? `${start}` : `${start},${end}`);
  }
  return ranges.join(',');
}
