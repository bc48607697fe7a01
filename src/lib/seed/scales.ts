/**
 * The sizes the generator can produce (`--scale <name>`). Every count below is per school unless
 * it says otherwise; the generator derives everything else (sections, enrollments, attendance,
 * results, invoices...) from these numbers. Shape of the data, at every scale:
 * - 12 grade levels (6 for demo), `studentsPerGrade` students in each, in sections of at most
 *   `sectionCapacity`. Students move up one grade per year; the oldest cohort graduates and a new
 *   first grade enters, so a school's history holds more students than one year does.
 * - `academicYears` years of history ending with the current one (2025-2026). Every past year
 *   is complete: attendance on every school day (about 190), all exams, all invoices.
 *
 * Totals (measured with `npx tsx scripts/seed.ts --scale <name>` on 2 cores, embedded PostgreSQL):
 * - demo: 2,053 rows, one small primary school, the last two weeks of attendance; ~0.5 s.
 * - school: 1,641,917 rows. 1,500 students a year over 4 years (3 past + current): attendance
 *   1,500 x ~189 days x 4 = 1.13 M; exam results 6 exams x 8 subjects x 1,500 x 4 = 288 k;
 *   ~12.7 invoices per student-year (10 monthly tuition, activities, laboratory from grade 9,
 *   termly transport, admission) = 76 k, 84 k payments; 6 library loans per student-year; ~15 s.
 * - district: 11,122,940 rows, 2.2 GB on disk. 10 schools of ~2,000 students (~20,000 a year)
 *   over 2 years: attendance 7.7 M, exam results 1.9 M, invoices 0.5 M; ~2 min.
 */

export const SCALE_NAMES = ['demo', 'school', 'district'] as const;
export type ScaleName = (typeof SCALE_NAMES)[number];
export const DEFAULT_SCALE: ScaleName = 'demo';

export interface Scale {
  name: ScaleName;
  summary: string;
  schools: number;
  gradeLevels: number;
  studentsPerGrade: number;
  sectionCapacity: number;
  /** Years of history, the last one being the current year. */
  academicYears: number;
  /** Cap on school days with attendance per year; null records every school day. */
  attendanceDaysPerYear: number | null;
  examsPerYear: number;
  subjectsPerStudent: number;
  periodsPerDay: number;
  teachersPerSchool: number;
  staffPerSchool: number;
  /** Months of tuition invoiced per year, from September. */
  tuitionMonths: number;
  booksPerSchool: number;
  loansPerStudentYear: number;
  announcementsPerSchool: number;
  /** Announcements carrying a 10-50 KB JSON attachment. */
  largeAttachmentsPerSchool: number;
}

export const SCALES: Readonly<Record<ScaleName, Scale>> = {
  demo: {
    name: 'demo',
    summary: 'one small primary school, 60 students, 8 teachers, two weeks of attendance (~2k rows)',
    schools: 1,
    gradeLevels: 6,
    studentsPerGrade: 10,
    sectionCapacity: 30,
    academicYears: 1,
    attendanceDaysPerYear: 10,
    examsPerYear: 1,
    subjectsPerStudent: 4,
    periodsPerDay: 4,
    teachersPerSchool: 8,
    staffPerSchool: 6,
    tuitionMonths: 2,
    booksPerSchool: 30,
    loansPerStudentYear: 1,
    announcementsPerSchool: 6,
    largeAttachmentsPerSchool: 1,
  },
  school: {
    name: 'school',
    summary: 'one school, 1,500 students a year, 4 years of history (~1.6M rows)',
    schools: 1,
    gradeLevels: 12,
    studentsPerGrade: 125,
    sectionCapacity: 30,
    academicYears: 4,
    attendanceDaysPerYear: null,
    examsPerYear: 6,
    subjectsPerStudent: 8,
    periodsPerDay: 6,
    teachersPerSchool: 72,
    staffPerSchool: 25,
    tuitionMonths: 10,
    booksPerSchool: 1500,
    loansPerStudentYear: 6,
    announcementsPerSchool: 60,
    largeAttachmentsPerSchool: 3,
  },
  district: {
    name: 'district',
    summary: '10 schools, ~20,000 students a year, 2 years of history (~11M rows, ~2 GB)',
    schools: 10,
    gradeLevels: 12,
    studentsPerGrade: 167,
    sectionCapacity: 30,
    academicYears: 2,
    attendanceDaysPerYear: null,
    examsPerYear: 6,
    subjectsPerStudent: 8,
    periodsPerDay: 6,
    teachersPerSchool: 87,
    staffPerSchool: 30,
    tuitionMonths: 10,
    booksPerSchool: 2000,
    loansPerStudentYear: 6,
    announcementsPerSchool: 80,
    largeAttachmentsPerSchool: 3,
  },
};

export function isScaleName(value: string): value is ScaleName {
  return (SCALE_NAMES as readonly string[]).includes(value);
}
