import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError, type Config } from '../../config';
import { parseSignerKey, signerKey, type NoteSigner } from '../../core/signed-note';

/** A new Ed25519 signer key for the log, in Go's note format. */
export function generateLogSignerKey(name: string): string {
  return signerKey(name, generateKeyPairSync('ed25519').privateKey);
}

/**
 * The log's signing key: from configuration, else from its file; on the embedded default a key is
 * made at first start and kept beside the database (mode 0600). Elsewhere a missing key stops the
 * start, since a log whose key changes silently could not be trusted.
 */
export function loadLogSigner(config: Config): NoteSigner {
  const { signingKey, signingKeyFile, createKeyIfMissing, origin } = config.log;
  if (signingKey) return parseSignerKey(signingKey);
  if (existsSync(signingKeyFile)) return parseSignerKey(readFileSync(signingKeyFile, 'utf8').trim());
  if (!createKeyIfMissing) {
    throw new ConfigError(
      `LOG_SIGNING_KEY: the transparency log needs its signing key (set LOG_SIGNING_KEY, or LOG_SIGNING_KEY_FILE; ` +
        `\`npm run log:keygen\` makes one). No file at ${signingKeyFile}.`,
    );
  }
  const encoded = generateLogSignerKey(origin);
  mkdirSync(dirname(signingKeyFile), { recursive: true });
  writeFileSync(signingKeyFile, `${encoded}\n`, { mode: 0o600, flag: 'wx' });
  return parseSignerKey(encoded);
}
