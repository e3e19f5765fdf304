/**
 * npm run restore -- FILE — restores a backup into an empty data folder (DATA_DIR) or an empty database
 * (DATABASE_URL), photos included (PHOTO_DIR, else DATA_DIR/photos).
 */
import { BackupError, restore } from '../lib/operations/backup';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run restore -- FILE');
  process.exit(2);
}
try {
  const manifest = await restore(file);
  console.log(`restored the ${manifest.engine} backup of ${manifest.created_at} with ${manifest.photos} photo files`);
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(`restore refused: ${error.message}`);
  process.exit(1);
}
