import { BadRequestError } from '../api/errors';
import { say } from '../i18n/say';

/** `village=<code>`: at most one village (the screen and the monthly report are about one village at a time). */
export function parseOneVillage(params: URLSearchParams, known: ReadonlySet<string>, required = false): string | null {
  const values = params
    .getAll('village')
    .map((v) => v.trim())
    .filter(Boolean);
  if (values.length > 1 || values[0]?.includes(','))
    throw new BadRequestError(say('village 只能给出一次（一个村代码）', 'village may be given once (one village code)'));
  const code = values[0] ?? null;
  if (code === null) {
    if (required) throw new BadRequestError(say('请给出 village（12 位村代码）', 'village is required (a 12-digit village code)'));
    return null;
  }
  if (!known.has(code)) throw new BadRequestError(say(`未知村代码“${code.slice(0, 40)}”`, `unknown village code "${code.slice(0, 40)}"`));
  return code;
}
