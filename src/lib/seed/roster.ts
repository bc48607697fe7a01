/**
 * The roster: the small, in-memory skeleton of the generated world that several tables refer to
 * (schools, years, terms, classes, sections and who sits in them, subjects, exams, fee structures,
 * people and their accounts, id ranges). It is built once per seed, deterministically from the
 * scale, and holds O(people + sections) objects, never the large tables; those are streamed by
 * the table modules, which read ids from here. Serial ids are assigned here, in load order.
 */
import type { SchoolYearDates } from './calendar';
import type { FeeFrequency } from './curriculum';
import type { PersonName } from './names';
import type { SchoolIdentity } from './places';
import { Random } from './random';
import type { Scale } from './scales';
import { buildAcademics } from './roster-academics';
import { buildPeople } from './roster-people';

export type Role = 'ADMIN' | 'TEACHER' | 'STUDENT' | 'PARENT' | 'STAFF';

/** Root label of every random stream; change it to get a different, equally valid data set. */
export const SEED_LABEL = 'school-erp-seed/v1';

export interface UserPlan {
  id: string;
  schoolId: number;
  email: string;
  name: string;
  role: Role;
  isActive: boolean;
  /** Which demo account this is, if any (it gets a real password hash). */
  demo: 'admin' | 'teacher' | null;
}

export interface GuardianPlan extends PersonName {
  id: string;
  userId: string | null;
  email: string | null;
}

export interface GuardianLink {
  guardian: GuardianPlan;
  relationship: string;
  isPrimary: boolean;
}

export interface StudentPlan extends PersonName {
  id: string;
  schoolId: number;
  userId: string | null;
  admissionNo: string;
  admissionDay: number;
  birthDay: number;
  /** Grade in the first year of history; below 1 for students who enter later. */
  gradeInFirstYear: number;
  /** 0..1, drives exam marks. */
  aptitude: number;
  usesTransport: boolean;
  /** Sibling or scholarship discount on tuition, in percent. */
  discountPercent: number;
  guardians: GuardianLink[];
  /** Index of the showcase name this student carries, if any (see names.ts). */
  showcase: number | null;
}

export interface TeacherPlan {
  id: string;
  userId: string;
  employeeNo: string;
  subject: number;
}

export interface StaffPlan extends PersonName {
  id: number;
  userId: string | null;
  employeeNo: string;
  jobTitle: string;
  department: string;
  managerId: number | null;
}

export interface SubjectPlan {
  id: number;
  catalogIndex: number;
}

export interface SectionPlan {
  id: number;
  classId: number;
  grade: number;
  name: string;
  homeroomTeacherId: string | null;
  /** In roll-number order (roll number = index + 1). */
  members: StudentPlan[];
}

export interface ClassPlan {
  id: number;
  grade: number;
  sections: SectionPlan[];
}

export interface ExamPlan {
  id: number;
  name: string;
  termId: number | null;
  startsOn: number;
  maxMarks: number;
  weight: number;
}

export interface FeePlan {
  id: number;
  classId: number | null;
  name: string;
  amountCents: number;
  frequency: FeeFrequency;
  dueDay: number;
  lateFeePercent: number | null;
}

export interface YearPlan extends SchoolYearDates {
  id: number;
  index: number;
  isCurrent: boolean;
  termIds: number[];
  classes: ClassPlan[];
  sections: SectionPlan[];
  /** The school days that have attendance rows (all of them, or the scale's cap, latest first kept). */
  attendanceDays: number[];
  exams: ExamPlan[];
  tuitionByGrade: Map<number, FeePlan>;
  flatFees: Map<string, FeePlan>;
}

export interface SchoolPlan {
  id: number;
  index: number;
  code: string;
  identity: SchoolIdentity;
  foundedDay: number;
  years: YearPlan[];
  subjects: SubjectPlan[];
  teachers: TeacherPlan[];
  staff: StaffPlan[];
  students: StudentPlan[];
  guardians: GuardianPlan[];
  /** Users who may author announcements. */
  authorUserIds: string[];
  /** Users who take payments at the office. */
  cashierUserIds: string[];
  /** Book ids of this school: firstBookId .. firstBookId + bookCount - 1. */
  firstBookId: number;
  bookCount: number;
}

export interface Roster {
  scale: Scale;
  schools: SchoolPlan[];
  users: UserPlan[];
}

/** Hands out SERIAL ids per table, starting at 1, in the order rows will be loaded. */
export class SerialIds {
  private readonly last = new Map<string, number>();
  next(table: string): number {
    const id = (this.last.get(table) ?? 0) + 1;
    this.last.set(table, id);
    return id;
  }
}

export function randomFor(scale: Scale, stream: string): Random {
  return new Random(`${SEED_LABEL}/${scale.name}/${stream}`);
}

export function buildRoster(scale: Scale): Roster {
  const random = randomFor(scale, 'roster');
  const ids = new SerialIds();
  const users: UserPlan[] = [];
  const schools: SchoolPlan[] = [];
  for (let index = 0; index < scale.schools; index++) {
    const academics = buildAcademics(scale, index, ids, random.derive(`school-${index}/academics`));
    const people = buildPeople(scale, academics, users, ids, random.derive(`school-${index}/people`));
    const school: SchoolPlan = { ...academics, ...people, firstBookId: index * scale.booksPerSchool + 1, bookCount: scale.booksPerSchool };
    schools.push(school);
  }
  return { scale, schools, users };
}
