import { describe, expect, it } from 'vitest';
import { displayValue, isSecretColumn, MASK, MAX_VALUE_CHARS } from './masking';

describe('preview masking', () => {
  it('masks columns named like secrets, whatever the spelling', () => {
    for (const column of ['passwordHash', 'password_hash', 'PASSWORD', 'resetToken', 'API_KEY', 'totpSecret', 'salt', 'private-key']) {
      expect(isSecretColumn(column), column).toBe(true);
    }
    for (const column of ['name', 'email', 'id', 'amount', 'studentId', 'createdAt']) expect(isSecretColumn(column), column).toBe(false);
  });

  it('shows a masked value as the mask, keeps NULL, and cuts long values', () => {
    expect(displayValue('passwordHash', '$2b$10$abcdef')).toBe(MASK);
    expect(displayValue('passwordHash', null)).toBeNull();
    expect(displayValue('name', 'Ada')).toBe('Ada');
    const long = 'x'.repeat(MAX_VALUE_CHARS + 5);
    expect(displayValue('notes', long)).toBe(`${'x'.repeat(MAX_VALUE_CHARS)}…`);
  });
});
