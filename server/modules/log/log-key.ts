import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../../config';
import { parseSignerKey, signerKey, type NoteSigner } from '../../core/signed-note';

/** A new Ed25519 signer key for the log, in Go's note format. */
export function generateLogSignerKey(name: string): string {
  return signerKey(name, generateKeyPairSync('ed25519').privateKey);
}

/**
 * The log's signing key: from configuration, else from its file, else made now and kept in that
 * file (mode 0600), so the zero-set-up start works. `created` tells the caller to warn when that
 * happens outside the embedded default: several processes must share one configured key.
 */
export function loadLogSigner(config: Config): { signer: NoteSigner; created: boolean } {
  const { signingKey, signingKeyFile, origin } = config.log;
  if (signingKey) return { signer: parseSignerKey(signingKey), created: false };
  if (existsSync(signingKeyFile))
    return { signer: parseSignerKey(readFileSync(signingKeyFile, 'utf8').trim()), created: false };
  const encoded = generateLogSignerKey(origin);
  mkdirSync(dirname(signingKeyFile), { recursive: true });
  writeFileSync(signingKeyFile, `${encoded}\n`, { mode: 0o600, flag: 'wx' });
  return { signer: parseSignerKey(encoded), created: true };
}
