import { describe, expect, it } from 'vitest';
import { ConfigError } from '../backup/errors';
import { expectsHttps, loadAuthConfig } from './config';

describe('loadAuthConfig', () => {
  it('defaults to no trusted proxy and https only in production', () => {
    expect(loadAuthConfig({})).toEqual({ trustedProxyHops: 0, allowPlainHttp: false, production: false });
    expect(loadAuthConfig({ TRUSTED_PROXY_HOPS: ' 2 ', ALLOW_PLAIN_HTTP: 'true', NODE_ENV: 'production' })).toEqual({ trustedProxyHops: 2, allowPlainHttp: true, production: true });
  });

  it('names the variable of a bad value', () => {
    for (const env of [{ TRUSTED_PROXY_HOPS: '-1' }, { TRUSTED_PROXY_HOPS: '11' }, { TRUSTED_PROXY_HOPS: '1.5' }, { ALLOW_PLAIN_HTTP: 'yes' }]) {
      expect(() => loadAuthConfig(env)).toThrow(ConfigError);
      expect(() => loadAuthConfig(env)).toThrow(Object.keys(env)[0]!);
    }
  });

  it('expects https in production unless plain http is allowed; elsewhere the scheme decides', () => {
    const production = loadAuthConfig({ NODE_ENV: 'production' });
    expect(expectsHttps(production, 'http')).toBe(true);
    expect(expectsHttps({ ...production, allowPlainHttp: true }, 'http')).toBe(false);
    expect(expectsHttps({ ...production, allowPlainHttp: true }, 'https')).toBe(true);
    expect(expectsHttps(loadAuthConfig({}), undefined)).toBe(false);
  });
});
