/** Applies the committed migrations to the configured database (the server also does this at start). */
import { openForScript } from './cli';

if (process.argv.includes('--help')) {
  process.stdout.write(
    'Usage: npm run db:migrate\nMigrates DATABASE_URL, or the embedded database under DATA_DIR (./data).\n',
  );
  process.exit(0);
}
const { database } = await openForScript();
process.stdout.write(`migrated (${database.kind})\n`);
await database.close();
