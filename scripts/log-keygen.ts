/** Prints a new Ed25519 signing key for the transparency log, and its public verifier key. */
import { parseSignerKey, ed25519PublicKeyBytes, verifierKey } from '../server/core/signed-note';
import { loadConfig } from '../server/config';
import { generateLogSignerKey } from '../server/modules/log/log-key';

if (process.argv.includes('--help')) {
  process.stdout.write(
    'Usage: npm run log:keygen\nPrints a signer key for LOG_SIGNING_KEY (keep it secret) and the verifier key to publish.\nThe key is named after LOG_ORIGIN.\n',
  );
  process.exit(0);
}
const signer = generateLogSignerKey(loadConfig().log.origin);
const parsed = parseSignerKey(signer);
process.stdout.write(
  `LOG_SIGNING_KEY=${signer}\n# verifier key: ${verifierKey(parsed.name, ed25519PublicKeyBytes(parsed.privateKey))}\n`,
);
