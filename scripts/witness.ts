/**
 * npm run witness -- --port <port> --key-file <file> --log <origin>+<key ID>+<key> [--log …] [--state <file> | --database-url <url>]
 * npm run witness -- --generate-key --name <witness name> --key-file <file>
 * A C2SP tlog-witness server that anyone may run to cosign a transparency log's checkpoints.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { cosignerSignerKey, cosignerVerifierKey, parseCosignerSignerKey } from '../server/core/cosignature';
import { parseVerifierKey, type NoteVerifier } from '../server/core/signed-note';
import { createWitnessApp } from '../server/modules/witness/witness.app';
import { createFileWitnessStore, createPostgresWitnessStore } from '../server/modules/witness/witness.store';

const HELP = `Usage:
  npm run witness -- --port <port> --key-file <file> --log <log verifier key> [--log …]
                     [--host <address>] [--state <file> | --database-url <postgres://…>]
  npm run witness -- --generate-key --name <witness name> --key-file <file>

  --key-file      the witness's secret cosigner key (PRIVATE+KEY+<name>+<id>+…, mode 0600)
  --log           a log to witness, as its note verifier key <origin>+<key ID>+<key>
                  (the log's /log/verifier-key); repeat for several logs or keys
  --state         where the latest cosigned checkpoint per log is kept (default ./witness-state.json);
                  one witness process per file
  --database-url  keep that state in PostgreSQL instead (table witness_checkpoints, created if missing)
  --generate-key  write a new key to --key-file and print its verifier key, for logs' LOG_WITNESSES`;

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    'key-file': { type: 'string' },
    log: { type: 'string', multiple: true },
    state: { type: 'string' },
    'database-url': { type: 'string' },
    'generate-key': { type: 'boolean' },
    name: { type: 'string' },
    help: { type: 'boolean' },
  },
});

function usage(problem: string): never {
  process.stderr.write(`${problem}\n\n${HELP}\n`);
  process.exit(2);
}

if (values.help) {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}
const keyFile = values['key-file'] ?? usage('--key-file is required.');

if (values['generate-key']) {
  const name = values.name ?? usage('--name is required with --generate-key.');
  if (existsSync(keyFile)) usage(`--key-file: ${keyFile} exists; refusing to overwrite a witness key.`);
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(keyFile, `${cosignerSignerKey(name, privateKey)}\n`, { mode: 0o600, flag: 'wx' });
  process.stdout.write(`${cosignerVerifierKey(name, privateKey)}\n`);
  process.exit(0);
}

const port = Number(values.port ?? usage('--port is required.'));
if (!Number.isInteger(port) || port < 0 || port > 65535) usage('--port must be a port number.');
if (!values.log?.length) usage('--log is required (the verifier key of each log to witness).');
if (values.state && values['database-url']) usage('--state and --database-url exclude each other.');

let signer;
try {
  signer = parseCosignerSignerKey(readFileSync(keyFile, 'utf8').trim());
} catch (error) {
  usage(`--key-file: ${(error as Error).message}`);
}
const logs: NoteVerifier[] = values.log.map((key) => {
  try {
    return parseVerifierKey(key);
  } catch (error) {
    return usage(`--log ${key}: ${(error as Error).message}`);
  }
});

const store = values['database-url']
  ? await createPostgresWitnessStore(values['database-url'])
  : createFileWitnessStore(values.state ?? './witness-state.json');
const app = createWitnessApp({ signer, logs, store, logger: { level: 'info' } });
const shutdown = async () => {
  await app.close();
  await store.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
const address = await app.listen({ port, host: values.host });
app.log.info(
  { verifierKey: cosignerVerifierKey(signer.name, signer.privateKey), logs: logs.map((l) => l.name) },
  `witness listening at ${address}: POST ${address}/add-checkpoint`,
);
