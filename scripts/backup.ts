/**
 * npm run backup -- --out FILE — a consistent backup of the configured database (DATABASE_URL, else the embedded
 * one in DATA_DIR) and its photos, taken while the app runs.
 */
import { backup } from '../lib/operations/backup';

const at = process.argv.indexOf('--out');
const out = at >= 0 ? process.argv[at + 1] : undefined;
if (!out) {
  console.error('usage: npm run backup -- --out FILE');
  process.exit(2);
}
const manifest = await backup(out);
console.log(`backup of the ${manifest.engine} database and ${manifest.photos} photo files written to ${out}`);
