/** Seeds the demo into the configured database, once. The server does this by itself on the embedded default. */
import { openForScript } from './cli';

if (process.argv.includes('--help')) {
  process.stdout.write('Usage: npm run db:seed\nSeeds the demo data (through the services) if it is not there yet.\n');
  process.exit(0);
}
const { database, services } = await openForScript();
try {
  if (await services.demo.isSeeded()) {
    process.stdout.write('The demo is already seeded; nothing to do.\n');
  } else {
    await services.demo.seed();
    process.stdout.write('Demo seeded. Start the server with DEMO=true to show the demo banner and codes.\n');
  }
} finally {
  await database.close();
}
