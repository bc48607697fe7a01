import { describe, expect, it } from 'vitest';
import { describeTable, describeTotals, tableLabel } from './words';

describe('preview words', () => {
  it('turns table names into phrases', () => {
    expect(tableLabel('ExamResult')).toBe('Exam result');
    expect(tableLabel('StudentGuardian')).toBe('Student guardian');
    expect(tableLabel('fee_structure')).toBe('Fee structure');
    expect(tableLabel('Grade')).toBe('Grade');
    expect(tableLabel('public.ExamResult')).toBe('Exam result');
    expect(tableLabel('ledger.JournalEntry')).toBe('Journal entry (ledger)');
  });

  it('says what a restore would do to a table', () => {
    expect(describeTable('Grade', { missing: 12, added: 0, changed: 0 }, true)).toBe('12 rows of Grade would come back');
    expect(describeTable('ExamResult', { missing: 1, added: 2, changed: 3 }, true)).toBe(
      '1 row of Exam result would come back, 2 rows would disappear, 3 rows would change back',
    );
    expect(describeTable('Payment', { missing: 0, added: 1_234, changed: 0 }, false)).toBe('1,234 rows of Payment were added');
    expect(describeTable('Subject', { missing: 0, added: 0, changed: 0 }, true)).toBe('Subject: no differences');
  });

  it('summarises the whole comparison', () => {
    expect(describeTotals({ missing: 0, added: 0, changed: 0 }, true)).toMatch(/would change nothing/);
    expect(describeTotals({ missing: 5, added: 1, changed: 2 }, true)).toBe(
      'Restoring this backup would bring back 5 rows that are gone now, remove 1 row added since and change 2 rows back to how they were.',
    );
    expect(describeTotals({ missing: 40, added: 1, changed: 0 }, true)).toBe('Restoring this backup would bring back 40 rows that are gone now and remove 1 row added since.');
    expect(describeTotals({ missing: 0, added: 0, changed: 3 }, false)).toBe('From the earlier backup to the later one: 3 rows changed.');
    expect(describeTable('Student', { missing: 0, added: 0, changed: 1 }, false)).toBe('1 row of Student was changed');
  });
});
