// Command-line options and the fixed reference dates of the synthetic data set.

export interface Options {
  seed: number;
  villages: number;
  out: string;
  /** County-scale run: many townships, bigger villages, not committed. */
  county: boolean;
}

export const DEFAULT_SEED = 20240101;
export const DEMO_VILLAGES = 18;

/** The reference "today" of the demo data: nothing happens after this day. */
export const TODAY = '2026-11-30';
/** Campaign period of the three-year action (治本攻坚三年行动). */
export const CAMPAIGN_START = '2024-01-01';
export const INCIDENTS_START = '2021-01-01';

export function parseOptions(argv: readonly string[]): Options {
  const options: Options = { seed: DEFAULT_SEED, villages: DEMO_VILLAGES, out: 'geodata', county: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1] ?? '';
    switch (flag) {
      case '--seed':
        options.seed = Number.parseInt(value, 10);
        i++;
        break;
      case '--villages':
        options.villages = Number.parseInt(value, 10);
        i++;
        break;
      case '--out':
        options.out = value;
        i++;
        break;
      case '--help':
      case '-h':
        console.log('usage: npm run geodata -- [--seed N] [--villages N] [--out DIR]');
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${flag}`);
    }
  }
  if (!Number.isFinite(options.seed)) throw new Error('--seed must be an integer');
  if (!Number.isFinite(options.villages) || options.villages < 4) throw new Error('--villages must be >= 4');
  options.county = options.villages > 30;
  return options;
}
