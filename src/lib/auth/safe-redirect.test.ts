import { describe, expect, it } from 'vitest';
import { REDIRECT_TRICKS } from '../../../tests/http/security-helpers';
import { AFTER_LOGIN_PATH, safeRedirectPath } from './safe-redirect';

describe('safeRedirectPath', () => {
  it('keeps plain same-site paths with their query and fragment', () => {
    for (const path of ['/admin/backups', '/admin/backups?tab=history#top', '/@team', '/a/./b/../c']) {
      expect(safeRedirectPath(path)).toBe(new URL(path, 'http://x.invalid').pathname + new URL(path, 'http://x.invalid').search + new URL(path, 'http://x.invalid').hash);
    }
  });

  it('never returns anything a browser resolves to another origin, for every trick', () => {
    for (const trick of REDIRECT_TRICKS) {
      const result = safeRedirectPath(trick);
      expect(result, JSON.stringify(trick)).toMatch(/^\/(?![/\\])/);
      expect(result).not.toMatch(/[\u0000-\u001f\\]/);
      expect(new URL(result, 'https://erp.example').origin, JSON.stringify(trick)).toBe('https://erp.example');
    }
  });

  it('gives the fallback for dot segments that resolve to a protocol-relative path', () => {
    for (const trick of ['/..//evil.example/phish', '/.//evil.example', '/%2e%2e//evil.example', '/a/..//evil.example']) {
      expect(safeRedirectPath(trick)).toBe(AFTER_LOGIN_PATH);
    }
  });

  it('gives the fallback for non-strings and oversized values', () => {
    for (const value of [undefined, null, 42, ['/admin'], `/${'a'.repeat(3000)}`]) expect(safeRedirectPath(value)).toBe(AFTER_LOGIN_PATH);
  });
});
