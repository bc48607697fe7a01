/**
 * The fixed catalogues every generated school shares: its subjects and which grades take them,
 * the exams of a school year, and its fee schedule. Money is in integer cents.
 */

export interface SubjectDefinition {
  code: string;
  name: string;
  credits: number;
  description: string | null;
}

export const SUBJECT_CATALOG: readonly SubjectDefinition[] = [
  { code: 'MATH', name: 'Mathematics', credits: 3, description: 'Number, algebra, geometry and statistics.' },
  { code: 'ENG', name: 'English Language & Literature', credits: 3, description: 'Reading, writing, speaking; "close reading" of set texts.' },
  { code: 'SCI', name: 'Science', credits: 2.5, description: 'Biology, chemistry and physics, with lab work.\nSafety goggles required.' },
  { code: 'SOC', name: 'Social Studies', credits: 2, description: null },
  { code: 'ART', name: 'Visual Arts', credits: 0.5, description: 'Drawing, painting, ceramics' },
  { code: 'MUS', name: 'Music', credits: 0.5, description: '' },
  { code: 'PE', name: 'Physical Education', credits: 1, description: 'Bring kit: shorts, T-shirt, trainers.' },
  { code: 'ICT', name: 'Computing', credits: 1.25, description: 'Programming in Python; files live under C:\\Users\\student\\projects' },
  { code: 'LANG2', name: 'Second Language (Français / Español)', credits: 1.5, description: 'Niveau A1–B2 · Nivel A1–B2' },
  { code: 'ETH', name: 'Ethics & Citizenship', credits: 0.75, description: null },
];

/** Indices into SUBJECT_CATALOG, in priority order: a grade takes the first `subjectsPerStudent`. */
const PRIMARY_CURRICULUM = [0, 1, 2, 3, 4, 5, 6, 8] as const;
const SECONDARY_CURRICULUM = [0, 1, 2, 3, 7, 8, 6, 9] as const;
const FIRST_SECONDARY_GRADE = 7;

export function curriculumFor(grade: number, subjectsPerStudent: number): readonly number[] {
  const plan = grade >= FIRST_SECONDARY_GRADE ? SECONDARY_CURRICULUM : PRIMARY_CURRICULUM;
  return plan.slice(0, subjectsPerStudent);
}

export interface ExamDefinition {
  name: string;
  /** Index of the term it belongs to, or null for a year-wide assessment. */
  term: number | null;
  /** Days after the start of its term (or of the year). */
  startOffsetDays: number;
  maxMarks: number;
  weight: number;
}

export const EXAM_PLAN: readonly ExamDefinition[] = [
  { name: 'Term 1 Midterm', term: 0, startOffsetDays: 45, maxMarks: 50, weight: 0.5 },
  { name: 'Term 1 Final', term: 0, startOffsetDays: 100, maxMarks: 100, weight: 1 },
  { name: 'Term 2 Midterm', term: 1, startOffsetDays: 38, maxMarks: 50, weight: 0.5 },
  { name: 'Term 2 Final', term: 1, startOffsetDays: 74, maxMarks: 100, weight: 1 },
  { name: 'Annual Aptitude Assessment', term: null, startOffsetDays: 200, maxMarks: 200, weight: 0.25 },
  { name: 'Term 3 Final — “End of Year”', term: 2, startOffsetDays: 60, maxMarks: 100, weight: 1.5 },
];

export type FeeFrequency = 'ONCE' | 'MONTHLY' | 'TERMLY' | 'YEARLY';

/** Monthly tuition grows with the grade: base + per-grade step. */
export const TUITION_BASE_CENTS = 32_500;
export const TUITION_PER_GRADE_CENTS = 1_275;
export const TUITION_DUE_DAY = 10;
export const TUITION_LATE_FEE_PERCENT = 2.5;

export interface FlatFeeDefinition {
  key: 'admission' | 'activities' | 'transport' | 'laboratory';
  name: string;
  amountCents: number;
  frequency: FeeFrequency;
  dueDay: number;
  lateFeePercent: number | null;
  /** Grade from which the fee applies (inclusive). */
  fromGrade: number;
}

export const FLAT_FEES: readonly FlatFeeDefinition[] = [
  { key: 'admission', name: 'Admission fee', amountCents: 50_000, frequency: 'ONCE', dueDay: 1, lateFeePercent: null, fromGrade: 1 },
  { key: 'activities', name: 'Activities & excursions', amountCents: 18_990, frequency: 'YEARLY', dueDay: 15, lateFeePercent: 1.25, fromGrade: 1 },
  { key: 'transport', name: 'School bus (per term)', amountCents: 21_050, frequency: 'TERMLY', dueDay: 5, lateFeePercent: null, fromGrade: 1 },
  { key: 'laboratory', name: 'Laboratory materials', amountCents: 7_525, frequency: 'YEARLY', dueDay: 20, lateFeePercent: 0.5, fromGrade: 9 },
];
