/**
 * npm run monitor -- --url <base> --state <file> [--key <verifier key>] [--witness <url>=<vkey>]…
 * Verifies the log from its tiles and checks the published invariants from its entries; exits 1 on a
 * verification failure or a violation (each reported once, with the entries involved).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LOG_ENTRY_SCHEMA_VERSION } from '../server/core/log-entry-schema';
import { DEFAULT_MONITOR_RULES, MONITOR_INVARIANTS } from '../server/core/log-monitor';
import { parseWitnessList, type Witness } from '../server/modules/log/witness-client';
import { runMonitor, type MonitorFileState } from './log-monitor';

const HELP = `Usage: npm run monitor -- --url <base URL> --state <file> [options]

Reads the transparency log through its tiles only, verifies it as verify-log does, and checks the
published invariants (entry schema v${LOG_ENTRY_SCHEMA_VERSION}) from the entries alone:
${Object.entries(MONITOR_INVARIANTS)
  .map(([n, text]) => `  ${n}. ${text.split(/[:;,.]/)[0]}`)
  .join('\n')}

  --url                the server, e.g. http://localhost:3000 (the log is under /log/)
  --state              a JSON file with what the last run verified and the rules' state; each run reads only
                       the entries after it, and refuses a log whose history before it was rewritten.
                       Written after every run in which the log verified (violations are reported once).
  --key                the verifier key to trust; otherwise the state's; otherwise the server's (first run)
  --witness <url>=<vkey>
                       post the verified checkpoint to this witness (C2SP tlog-witness); repeatable
  --certificate-years  the certificates' validity the rules give (default ${DEFAULT_MONITOR_RULES.certificateValidYears})

Exit status: 0 all holds, 1 a violation or a log that does not verify, 2 a usage error.`;

const usage = (message: string): never => {
  process.stderr.write(`${message}\n\n${HELP}\n`);
  process.exit(2);
};
const options = {
  url: { type: 'string' },
  state: { type: 'string' },
  key: { type: 'string' },
  witness: { type: 'string', multiple: true },
  'certificate-years': { type: 'string' },
  help: { type: 'boolean' },
} as const;
let parsed: ReturnType<typeof parseArgs<{ options: typeof options }>> | undefined;
try {
  parsed = parseArgs({ options });
} catch (error) {
  usage((error as Error).message);
}
const { values } = parsed!;
if (values.help) {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}
if (!values.url) usage('--url is required.');
if (!values.state) usage('--state is required: the monitor reads only what is new since its last run.');
const years = Number(values['certificate-years'] ?? DEFAULT_MONITOR_RULES.certificateValidYears);
if (!Number.isInteger(years) || years < 1) usage('--certificate-years must be a whole number of years.');
let witnesses: Witness[] = [];
try {
  witnesses = parseWitnessList((values.witness ?? []).join(','));
} catch (error) {
  usage(`--witness: ${(error as Error).message}`);
}

const statePath = values.state!;
let previous: MonitorFileState | undefined;
if (existsSync(statePath)) {
  try {
    previous = JSON.parse(readFileSync(statePath, 'utf8')) as MonitorFileState;
    if (previous.format !== 'imtahan-log-monitor/1') throw new Error('format');
  } catch {
    usage(`--state: ${statePath} is not a state file written by the monitor.`);
  }
}

const result = await runMonitor({
  baseUrl: values.url!,
  previous,
  verifierKey: values.key,
  rules: { certificateValidYears: years },
  witnesses,
});

if (!result.verified) {
  process.stderr.write(
    `FAILED: the log at ${values.url} does not verify:\n${result.problems.map((p) => `  - ${p}`).join('\n')}\n`,
  );
  process.exit(1);
}
if (result.state) {
  // Written whole, then renamed: a crash never leaves half a state.
  writeFileSync(`${statePath}.tmp`, `${JSON.stringify(result.state)}\n`);
  renameSync(`${statePath}.tmp`, statePath);
}
for (const g of result.gossip)
  process.stdout.write(`witness ${g.witness}: ${g.outcome}${g.splitView ? ' (SPLIT VIEW)' : ''}\n`);
for (const v of result.violations) {
  process.stdout.write(
    `VIOLATION of invariant ${v.invariant} (${MONITOR_INVARIANTS[v.invariant]})\n  ${v.message}\n  entries: ${v.entries.join(', ')}\n`,
  );
}
const splitView = result.gossip.some((g) => g.splitView);
process.stdout.write(
  `${result.violations.length === 0 && !splitView ? 'OK' : 'FAILED'}: ${result.size} entries verified` +
    (previous ? ` (${result.read} new since size ${previous.size})` : '') +
    `; ${result.violations.length} violation(s) of the invariants of schema v${LOG_ENTRY_SCHEMA_VERSION}\n`,
);
process.exit(result.violations.length === 0 && !splitView ? 0 : 1);
