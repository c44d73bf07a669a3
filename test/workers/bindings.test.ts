/** Workers bindings as configuration: strings through parseEnv, the database from Hyperdrive first. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/env.js';
import { configFromBindings } from '../../src/workers/bindings.js';
import { TEST_KEY } from '../support/app.js';

const DIRECT = 'postgres://app:secret@db.example.org:5432/avrr';
const POOLED = 'postgres://app:secret@abc.hyperdrive.local:5432/avrr';

describe('configFromBindings', () => {
  it('takes the database from the Hyperdrive binding when there is one', () => {
    const config = configFromBindings({ HYPERDRIVE: { connectionString: POOLED }, DATABASE_URL: DIRECT, DATA_ENCRYPTION_KEY: TEST_KEY });
    expect(config.database).toBe('hyperdrive');
    expect(config.env.DATABASE_URL).toBe(POOLED);
  });

  it('falls back to the DATABASE_URL secret', () => {
    const config = configFromBindings({ DATABASE_URL: DIRECT, DATA_ENCRYPTION_KEY: TEST_KEY, LOG_LEVEL: 'warn', SOME_KV: { get() {} } });
    expect(config.database).toBe('DATABASE_URL');
    expect(config.env.DATABASE_URL).toBe(DIRECT);
    expect(config.env.LOG_LEVEL).toBe('warn');
  });

  it('refuses to start without a database, a key, or with a binding that is not Hyperdrive', () => {
    expect(() => configFromBindings({ DATA_ENCRYPTION_KEY: TEST_KEY })).toThrow(ConfigError);
    expect(() => configFromBindings({ DATA_ENCRYPTION_KEY: TEST_KEY })).toThrow(/HYPERDRIVE.*DATABASE_URL/);
    expect(() => configFromBindings({ DATABASE_URL: DIRECT })).toThrow(/DATA_ENCRYPTION_KEY/);
    expect(() => configFromBindings({ HYPERDRIVE: 'postgres://x', DATA_ENCRYPTION_KEY: TEST_KEY })).toThrow(/not a Hyperdrive binding/);
  });

  it('never puts the database URL in an error', () => {
    try {
      configFromBindings({ DATABASE_URL: 'not a url with secret', DATA_ENCRYPTION_KEY: TEST_KEY });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect(String(error)).not.toContain('secret');
    }
  });
});
