import { describe, expect, it } from 'vitest';
import { isRequested, selectTables } from './selection';

describe('preview table selection', () => {
  const tables = ['public.Student', 'public.Payment', 'ledger.Entry'];

  it('takes every table when none is named', () => {
    expect(selectTables(tables, undefined)).toEqual(new Set(tables));
    expect(selectTables(tables, [])).toEqual(new Set(tables));
  });

  it('matches qualified names, and bare names in the public schema', () => {
    expect(selectTables(tables, ['Payment', 'ledger.Entry'])).toEqual(new Set(['public.Payment', 'ledger.Entry']));
    expect(selectTables(['Student', 'Payment'], ['Payment'])).toEqual(new Set(['Payment']));
    expect(isRequested('public.Payment', ['Payment'])).toBe(true);
    expect(isRequested('ledger.Payment', ['Payment'])).toBe(false);
    expect(isRequested('ledger.Entry', undefined)).toBe(true);
  });

  it('refuses a name no table has', () => {
    expect(() => selectTables(tables, ['Entry'])).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});
