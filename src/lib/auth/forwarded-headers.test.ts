import { describe, expect, it } from 'vitest';
import { trustForwardedHeaders } from './forwarded-headers';

const incoming = () =>
  new Headers({
    'x-forwarded-for': '6.6.6.6, 203.0.113.9',
    'x-forwarded-proto': 'https',
    'x-forwarded-host': 'erp.example-school.org',
    'x-forwarded-port': '443',
    'x-real-ip': '6.6.6.7',
    forwarded: 'for=6.6.6.8',
    host: '127.0.0.1:3000',
  });

describe('trustForwardedHeaders', () => {
  it('with no trusted proxy drops every forwarded header and keeps the rest', () => {
    const result = trustForwardedHeaders(incoming(), 0);
    for (const name of ['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-port', 'x-real-ip', 'forwarded']) expect(result.has(name)).toBe(false);
    expect(result.get('host')).toBe('127.0.0.1:3000');
  });

  it("with N proxies keeps the N-th entry from the right, the outermost trusted proxy's view", () => {
    const one = trustForwardedHeaders(incoming(), 1);
    expect([one.get('x-forwarded-for'), one.get('x-forwarded-proto'), one.get('x-forwarded-host')]).toEqual(['203.0.113.9', 'https', 'erp.example-school.org']);
    expect(one.has('x-real-ip')).toBe(false);
    expect(trustForwardedHeaders(incoming(), 2).get('x-forwarded-for')).toBe('6.6.6.6');
    expect(trustForwardedHeaders(incoming(), 5).get('x-forwarded-for')).toBe('6.6.6.6');
  });

  it('drops values that are not an address, a scheme or a host', () => {
    const odd = new Headers({ 'x-forwarded-for': 'unknown', 'x-forwarded-proto': 'gopher', 'x-forwarded-host': 'evil.example/path' });
    const result = trustForwardedHeaders(odd, 1);
    expect([result.has('x-forwarded-for'), result.has('x-forwarded-proto'), result.has('x-forwarded-host')]).toEqual([false, false, false]);
  });
});
