/**
 * Creates an administrator account: how a real installation gets its first one.
 *   npm run admin:create -- --email a@b.az --name "Full Name"   (password from IMTAHAN_ADMIN_PASSWORD or stdin)
 */
import { parseArgs } from 'node:util';
import { ConflictError } from '../server/errors';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../server/modules/auth/password';
import { passwordProblem } from '../server/modules/auth/password-strength';
import { fail, openForScript } from './cli';

const HELP = `Usage: npm run admin:create -- --email <e-mail> --name <full name> [--password-stdin]

Creates an administrator. The password is read from the IMTAHAN_ADMIN_PASSWORD environment
variable, or from standard input with --password-stdin (so it stays out of shell history).
The new administrator sets up two-factor sign-in at the first sign-in.
Uses DATABASE_URL when set, otherwise the embedded database under DATA_DIR (./data).`;

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    'password-stdin': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const email = values.email?.trim();
const name = values.name?.trim();
if (!email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) fail('--email: give a valid e-mail address.\n\n' + HELP);
if (!name || name.length < 2) fail('--name: give the full name (at least 2 characters).\n\n' + HELP);
// A secret for this one command, deliberately not part of the service configuration.
const password = values['password-stdin'] ? await readStdin() : (process.env.IMTAHAN_ADMIN_PASSWORD ?? '');
if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
  fail(
    `password: must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters (IMTAHAN_ADMIN_PASSWORD or --password-stdin).`,
  );
}

// Checked here too, so that a common password is refused before the database is opened.
const weak = passwordProblem(password, [email, name]);
if (weak) fail(`password: ${weak.message}`);

const { database, services } = await openForScript();
try {
  const admin = await services.users.createAccount(
    { id: null, ip: null },
    { email, fullName: name, role: 'administrator', password },
  );
  process.stdout.write(
    `Created administrator ${admin.email} (${admin.id}). Two-factor set-up follows at the first sign-in.\n`,
  );
} catch (error) {
  if (error instanceof ConflictError) fail(`email: ${error.fields[0]?.message ?? 'already taken'}`);
  throw error;
} finally {
  await database.close();
}
