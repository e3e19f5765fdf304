import fs from 'node:fs';
import { say } from '../i18n/say';

/** A CJK font file for the PDF reports and, for a collection (.ttc), the PostScript name of the face to use. */
export interface ReportFont {
  path: string;
  family?: string;
}

/** Debian fonts tried in order (the first is what CI and the README install). */
const CANDIDATES: ReportFont[] = [
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYiZenHei' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf' },
];

export class ReportFontMissingError extends Error {
  constructor(detail: string) {
    super(
      `No Chinese font for PDF reports (${detail}). Install the Debian package fonts-wqy-microhei ` +
        '(apt-get install fonts-wqy-microhei), or set REPORT_FONT=/path/to/font.ttf (for a .ttc: /path/font.ttc#PostScriptName).',
    );
    this.name = 'ReportFontMissingError';
  }
}

/** REPORT_FONT (`path` or `path#PostScriptName`) if set, else the first installed candidate. */
export function locateReportFont(
  env: Record<string, string | undefined> = process.env,
  exists: (path: string) => boolean = fs.existsSync,
): ReportFont {
  const configured = env.REPORT_FONT?.trim();
  if (configured) {
    const [path, family] = configured.split('#') as [string, string | undefined];
    if (!exists(path)) throw new ReportFontMissingError(say(`REPORT_FONT=${path} 不存在`, `REPORT_FONT=${path} does not exist`));
    return { path, family: family || undefined };
  }
  const found = CANDIDATES.find((font) => exists(font.path));
  if (!found)
    throw new ReportFontMissingError(
      say(
        `未安装中文字体（${CANDIDATES.map((f) => f.path).join('、')} 均不存在）`,
        `none of ${CANDIDATES.map((f) => f.path).join(', ')} is installed`,
      ),
    );
  return found;
}
