import type { Rule, RuleKind, SpacingClass, SpacingRuleset } from './types';

export class MissingRuleError extends Error {
  constructor(what: string) {
    super(`no rule in the rules table for ${what}`);
    this.name = 'MissingRuleError';
  }
}

const gradesOf = (rule: Rule): string[] => (Array.isArray(rule.params.grades) ? rule.params.grades.map(String) : []);

/**
 * Looks rules up by kind and key, and remembers which ones an analysis used so the response can list
 * exactly the rules its findings rest on.
 */
export class RuleBook {
  private readonly usedIds = new Set<string>();

  constructor(private readonly rules: readonly Rule[]) {}

  private use(rule: Rule): Rule {
    this.usedIds.add(rule.rule_id);
    return rule;
  }

  /** The single rule of a kind (e.g. passage width); throws when the table has none. */
  one(kind: RuleKind): Rule {
    const rule = this.rules.find((r) => r.kind === kind);
    if (!rule) throw new MissingRuleError(kind);
    return this.use(rule);
  }

  /** Every rule of a kind (e.g. both cluster area limits). */
  all(kind: RuleKind, ruleset?: string): Rule[] {
    return this.rules.filter((r) => r.kind === kind && (!ruleset || r.ruleset === ruleset)).map((r) => this.use(r));
  }

  /** The spacing table of a rule set: one entry per unordered pair of classes. */
  spacingTable(ruleset: SpacingRuleset): Rule[] {
    const table = this.all('building_spacing', ruleset);
    if (table.length === 0) throw new MissingRuleError(`building spacing in ${ruleset}`);
    return table;
  }

  /** Whether the rule set distinguishes high-rise buildings (the national table does, the rural one not). */
  hasHighRise(ruleset: SpacingRuleset): boolean {
    return this.rules.some((r) => r.kind === 'building_spacing' && r.ruleset === ruleset && gradesOf(r).includes('high_rise'));
  }

  spacing(ruleset: SpacingRuleset, a: SpacingClass, b: SpacingClass): Rule {
    const rule = this.rules.find((r) => {
      if (r.kind !== 'building_spacing' || r.ruleset !== ruleset) return false;
      const [x, y] = gradesOf(r);
      return (x === a && y === b) || (x === b && y === a);
    });
    if (!rule) throw new MissingRuleError(`building spacing ${a}/${b} in ${ruleset}`);
    return this.use(rule);
  }

  /** The cluster area limit that applies to a fire-resistance grade (the rule whose `grades` lists it). */
  clusterArea(grade: string): Rule {
    const rule = this.rules.find((r) => r.kind === 'cluster_area' && gradesOf(r).includes(grade));
    if (!rule) throw new MissingRuleError(`cluster area for grade ${grade}`);
    return this.use(rule);
  }

  /** Required distance from a stack of a size to a building of a grade; null when no rule covers that size. */
  stackDistance(size: string, grade: string): Rule | null {
    const rule = this.rules.find((r) => r.kind === 'stack_distance' && r.params.size === size && r.params.grade === grade);
    return rule ? this.use(rule) : null;
  }

  stackDistances(): Rule[] {
    return this.all('stack_distance');
  }

  used(): Rule[] {
    return this.rules.filter((r) => this.usedIds.has(r.rule_id));
  }
}

/** `params[key]` as a list of strings (e.g. station kinds), or the fallback when absent. */
export function stringListParam(rule: Rule, key: string, fallback: readonly string[]): string[] {
  const value = rule.params[key];
  return Array.isArray(value) ? value.map(String) : [...fallback];
}

export function numberParam(rule: Rule, key: string, fallback: number): number {
  const value = rule.params[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
