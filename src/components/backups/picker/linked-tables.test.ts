import { describe, expect, it } from 'vitest';
import type { TableLink } from '@/lib/backup/preview/restore-choices';
import { outsideLinks } from '@/lib/conventions/linked-tables';
import { alsoLinked, linkAdvice } from './linked-tables';

const link = (from: string, to: string): TableLink => ({ constraint: `${from}->${to}`, from, to });

/** A slice of the school: results and enrolments of students, payments of invoices, a ledger elsewhere. */
const LINKS: TableLink[] = [
  link('public.ExamResult', 'public.Student'),
  link('public.ExamResult', 'public.Exam'),
  link('public.Enrollment', 'public.Student'),
  link('public.Invoice', 'public.Student'),
  link('public.Payment', 'public.Invoice'),
  link('ledger.JournalEntry', 'public.Payment'),
];

describe('tables linked to a choice', () => {
  it('finds the tables outside the choice on either side of a key, each once, sorted', () => {
    expect(outsideLinks(LINKS, new Set(['public.ExamResult']))).toEqual({
      pointingIn: [],
      pointedTo: [
        { table: 'public.Exam', from: ['public.ExamResult'] },
        { table: 'public.Student', from: ['public.ExamResult'] },
      ],
    });
    expect(outsideLinks(LINKS, new Set(['public.Student', 'public.Invoice']))).toEqual({
      pointingIn: [
        { table: 'public.Enrollment', to: ['public.Student'] },
        { table: 'public.ExamResult', to: ['public.Student'] },
        { table: 'public.Payment', to: ['public.Invoice'] },
      ],
      pointedTo: [],
    });
    // A key inside the choice ties nothing outside it.
    expect(outsideLinks(LINKS, new Set(['public.Payment', 'public.Invoice', 'public.Student', 'ledger.JournalEntry'])).pointedTo).toEqual([]);
    expect(outsideLinks(LINKS, new Set())).toEqual({ pointingIn: [], pointedTo: [] });
  });

  it('groups a table tied to several chosen ones', () => {
    const links = outsideLinks(LINKS, new Set(['public.Student', 'public.Exam']));
    expect(links.pointingIn).toContainEqual({ table: 'public.ExamResult', to: ['public.Exam', 'public.Student'] });
    expect(linkAdvice(links, 'replace')).toContainEqual({
      add: 'public.ExamResult',
      text: 'Exam result points to Exam and Student, which you chose: an exam result whose exam or student would disappear blocks the restore — add Exam result, or choose “Restore deleted rows only”.',
    });
  });

  it('sums it up in one line', () => {
    expect(alsoLinked(outsideLinks(LINKS, new Set(['public.ExamResult'])))).toBe('Also linked: your choice points to Exam and Student.');
    expect(alsoLinked(outsideLinks(LINKS, new Set(['public.Payment'])))).toBe('Also linked: Journal entry (ledger) points to your choice; your choice points to Invoice.');
    expect(alsoLinked(outsideLinks(LINKS, new Set(['public.Invoice'])))).toBe('Also linked: Payment points to your choice; your choice points to Student.');
    expect(alsoLinked(outsideLinks(LINKS, new Set(['public.Student'])))).toBe('Also linked: Enrollment, Exam result and Invoice point to your choice.');
    expect(alsoLinked(outsideLinks(LINKS, new Set(['public.Exam', 'public.ExamResult', 'public.Student', 'public.Enrollment', 'public.Invoice', 'public.Payment', 'ledger.JournalEntry'])))).toBe(
      'No other table is linked to your choice by a key.',
    );
  });

  it('says what replacing a table means for what is linked to it', () => {
    expect(linkAdvice(outsideLinks(LINKS, new Set(['public.Invoice'])), 'replace')).toEqual([
      {
        add: 'public.Payment',
        text: 'Payment points to Invoice, which you chose: a payment whose invoice would disappear blocks the restore — add Payment, or choose “Restore deleted rows only”.',
      },
      { add: 'public.Student', text: 'Invoice, which you chose, points to Student: an invoice whose student is gone now blocks the restore — add Student.' },
    ]);
  });

  it('says what bringing back deleted rows means for what is linked to them', () => {
    expect(linkAdvice(outsideLinks(LINKS, new Set(['public.Invoice'])), 'missing')).toEqual([
      { text: 'Payment points to your choice: bringing back deleted rows removes none, so it keeps what it points to.' },
      {
        add: 'public.Student',
        text: 'Invoice, which you chose, points to Student: an invoice whose student is gone now does not come back (the result says how many) — add Student to bring those back too.',
      },
    ]);
    expect(linkAdvice(outsideLinks(LINKS, new Set(['public.Student'])), 'missing')).toEqual([
      { text: 'Enrollment, Exam result and Invoice point to your choice: bringing back deleted rows removes none, so they keep what they point to.' },
    ]);
    expect(linkAdvice(outsideLinks(LINKS, new Set(['public.ExamResult', 'public.Enrollment'])), 'missing')).toContainEqual({
      add: 'public.Student',
      text: 'Enrollment and Exam result, which you chose, point to Student: an enrollment or exam result whose student is gone now does not come back (the result says how many) — add Student to bring those back too.',
    });
  });
});
