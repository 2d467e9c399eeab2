import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config';
import { hashPassword, usePasswordHashCost, verifyAgainstNothing, verifyPassword } from './password';

const PASSWORD = 'correct horse battery';

afterEach(() => usePasswordHashCost('owasp'));

describe('the password hash cost', () => {
  it("is OWASP's by default, in every environment", () => {
    for (const NODE_ENV of [undefined, 'development', 'production', 'test']) {
      expect(loadConfig({ NODE_ENV }).passwordHashCost).toBe('owasp');
    }
  });

  it('refuses the cheap setting unless NODE_ENV=test, whatever else is set', () => {
    for (const env of [
      {},
      { NODE_ENV: 'development' },
      { NODE_ENV: 'production' },
      { NODE_ENV: 'production', DEMO: 'true' },
    ]) {
      expect(() => loadConfig({ ...env, PASSWORD_HASH_COST: 'test' })).toThrow(ConfigError);
      expect(() => loadConfig({ ...env, PASSWORD_HASH_COST: 'test' })).toThrow(/PASSWORD_HASH_COST/);
    }
    expect(loadConfig({ NODE_ENV: 'test', PASSWORD_HASH_COST: 'test' }).passwordHashCost).toBe('test');
    expect(() => loadConfig({ NODE_ENV: 'test', PASSWORD_HASH_COST: 'cheap' })).toThrow(/PASSWORD_HASH_COST/);
  });

  it("hashes at OWASP's parameters unless told otherwise", async () => {
    expect(await hashPassword(PASSWORD)).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('verifies hashes made at either cost under either setting, since a hash carries its parameters', async () => {
    const owasp = await hashPassword(PASSWORD);
    usePasswordHashCost('test');
    const cheap = await hashPassword(PASSWORD);
    expect(cheap).toMatch(/^\$argon2id\$v=19\$m=8,t=1,p=1\$/);
    for (const cost of ['test', 'owasp'] as const) {
      usePasswordHashCost(cost);
      for (const hash of [owasp, cheap]) {
        expect(await verifyPassword(hash, PASSWORD)).toBe(true);
        expect(await verifyPassword(hash, 'not the password')).toBe(false);
      }
      expect(await verifyAgainstNothing(PASSWORD)).toBe(false);
    }
  });
});
