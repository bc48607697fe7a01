import { describe, expect, it } from 'vitest';
import { isComplete, selectionOf, WHOLE_RESTORE, withTable } from './scope-choice';

describe('the restore scope a dialog holds', () => {
  it('is no selection for a whole restore, whatever was ticked before', () => {
    expect(selectionOf(WHOLE_RESTORE)).toBeUndefined();
    expect(selectionOf({ kind: 'all', tables: ['public.Grade'], revertChanged: true })).toBeUndefined();
    expect(isComplete(WHOLE_RESTORE)).toBe(true);
  });

  it('passes the ticked tables and the mode; setting changed rows back only with deleted rows', () => {
    expect(selectionOf({ kind: 'missing', tables: ['public.ExamResult', 'ledger.Entry'], revertChanged: true })).toEqual({
      tables: ['public.ExamResult', 'ledger.Entry'],
      mode: 'missing',
      revertChanged: true,
    });
    expect(selectionOf({ kind: 'replace', tables: ['public.Grade'], revertChanged: true })).toEqual({ tables: ['public.Grade'], mode: 'replace', revertChanged: false });
  });

  it('cannot be submitted as a partial restore with nothing ticked', () => {
    expect(isComplete({ kind: 'missing', tables: [], revertChanged: false })).toBe(false);
    expect(isComplete({ kind: 'replace', tables: ['public.Grade'], revertChanged: false })).toBe(true);
  });

  it('ticks and unticks one table, each table once', () => {
    expect(withTable(['public.A'], 'public.B', true)).toEqual(['public.A', 'public.B']);
    expect(withTable(['public.A', 'public.B'], 'public.A', true)).toEqual(['public.A', 'public.B']);
    expect(withTable(['public.A', 'public.B'], 'public.A', false)).toEqual(['public.B']);
    expect(withTable([], 'public.A', false)).toEqual([]);
  });
});
