import { BadRequestError } from '../api/errors';
import { parseVillages } from '../api/params';
import { say } from '../i18n/say';
import { DEFAULT_SPACING_RULESET, SPACING_RULESETS, type SpacingRuleset } from '../rules/types';
import { chinaMonth } from '../time';
import { ANALYSIS_NAMES, type AnalysisName, type AnalysisOptions, isAnalysisName } from './types';

export function parseAnalysisName(value: string): AnalysisName {
  if (!isAnalysisName(value)) {
    throw new BadRequestError(
      say(
        `未知分析“${value.slice(0, 40)}”；请使用 ${ANALYSIS_NAMES.join('、')} 之一`,
        `unknown analysis "${value.slice(0, 40)}"; use one of ${ANALYSIS_NAMES.join(', ')}`,
      ),
    );
  }
  return value;
}

function single(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) throw new BadRequestError(say(`${name} 只能给出一次`, `${name} may be given once`));
  const value = values[0]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function number(params: URLSearchParams, name: string, min: number, max: number, integer = false): number | undefined {
  const text = single(params, name);
  if (text === undefined) return undefined;
  const value = /^[0-9]+(\.[0-9]+)?$/.test(text) ? Number(text) : NaN;
  const kind = integer ? 'a whole number' : 'a number';
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    throw new BadRequestError(
      say(
        `${name} 必须是 ${min} 到 ${max} 的${kind === 'a whole number' ? '整数' : '数'}，收到的是“${text.slice(0, 40)}”`,
        `${name} must be ${kind} from ${min} to ${max}, got "${text.slice(0, 40)}"`,
      ),
    );
  }
  return value;
}

function ruleset(params: URLSearchParams): SpacingRuleset {
  const text = single(params, 'ruleset');
  if (text === undefined) return DEFAULT_SPACING_RULESET;
  const normalized = text.toUpperCase().replace(/[\s-]/g, '');
  const found = SPACING_RULESETS.find((r) => r === normalized);
  if (!found)
    throw new BadRequestError(
      say(
        `ruleset 必须是 ${SPACING_RULESETS.join('、')} 之一，收到的是“${text.slice(0, 40)}”`,
        `ruleset must be one of ${SPACING_RULESETS.join(', ')}, got "${text.slice(0, 40)}"`,
      ),
    );
  return found;
}

/** Query parameters of GET /api/v1/analysis/{name} besides the villages: ruleset, month, target_min, hose_m. */
export function parseAnalysisSettings(params: URLSearchParams, now?: Date): Omit<AnalysisOptions, 'villages'> {
  return {
    ruleset: ruleset(params),
    month: number(params, 'month', 1, 12, true) ?? chinaMonth(now),
    targetMin: number(params, 'target_min', 1, 240),
    hoseM: number(params, 'hose_m', 1, 500),
  };
}

/** Query parameters of GET /api/v1/analysis/{name}: village (repeatable), ruleset, month, target_min, hose_m. */
export function parseAnalysisOptions(params: URLSearchParams, knownVillages: ReadonlySet<string>, now?: Date): AnalysisOptions {
  return { villages: parseVillages(params, knownVillages), ...parseAnalysisSettings(params, now) };
}
