/**
 * npm run verify-log -- --url <base> [--state <file>] [--key <verifier key>]
 * Checks the signed checkpoint, rebuilds the tree from every entry, compares every tile, and proves
 * the log is an extension of what the state file remembers. Exits 1 on any mismatch.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyLog, type VerifierState } from './log-verifier';

const HELP = `Usage: npm run verify-log -- --url <base URL> [--state <file>] [--key <verifier key>]
                          [--witness <witness verifier key>]… [--quorum <N>]

  --url    the server, e.g. http://localhost:3000 (the log is under /log/)
  --state  a JSON file remembering the last verified checkpoint; the log must extend it.
           It is created or updated after a successful run.
  --key    the verifier key to trust (see /log/verifier-key); otherwise the one in the state
           file; otherwise the server's own, trusted on first use and then pinned in the state.
  --witness a witness's cosignature/v1 verifier key (<name>+<key ID>+<base64(0x04 ‖ key)>); repeat
            for each witness you trust. The checkpoint is refused without enough valid cosignatures.
  --quorum  how many of the given witnesses must have cosigned (default: all of them).`;

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    state: { type: 'string' },
    key: { type: 'string' },
    witness: { type: 'string', multiple: true },
    quorum: { type: 'string' },
    help: { type: 'boolean' },
  },
});
if (values.help) {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}
if (!values.url) {
  process.stderr.write(`--url is required.\n\n${HELP}\n`);
  process.exit(2);
}

const witnesses = values.witness ?? [];
const quorum = values.quorum === undefined ? witnesses.length : Number(values.quorum);
if (!/^(0|[1-9][0-9]*)$/.test(values.quorum ?? '0') || quorum > witnesses.length) {
  process.stderr.write(`--quorum must be a whole number no larger than the number of --witness keys.\n\n${HELP}\n`);
  process.exit(2);
}

let previous: VerifierState | undefined;
if (values.state && existsSync(values.state)) {
  try {
    previous = JSON.parse(readFileSync(values.state, 'utf8')) as VerifierState;
  } catch {
    process.stderr.write(`--state: ${values.state} is not a state file written by verify-log.\n`);
    process.exit(2);
  }
}

const result = await verifyLog({ baseUrl: values.url, verifierKey: values.key, previous, witnesses, quorum });
if (!result.ok) {
  process.stderr.write(
    `FAILED: the log at ${values.url} does not verify:\n${result.problems.map((p) => `  - ${p}`).join('\n')}\n`,
  );
  process.exit(1);
}
if (values.state && result.state) writeFileSync(values.state, `${JSON.stringify(result.state, null, 2)}\n`);
process.stdout.write(
  `OK: ${result.entries} entries verified against the signed checkpoint (root ${result.state?.rootHash})` +
    (previous ? `; consistent with the remembered size ${previous.size}` : '') +
    (witnesses.length > 0 ? `; cosigned by at least ${quorum} of ${witnesses.length} witnesses` : '') +
    '\n',
);
