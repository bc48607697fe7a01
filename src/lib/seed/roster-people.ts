/**
 * Builds the people of one school for the roster: admins, teachers, the staff tree (principal →
 * department heads → staff), students in yearly cohorts with their families and guardians, and
 * the user accounts of those who sign in (appended to the shared `users` list, demo accounts
 * first). It then seats every student, year by year, in the sections of their grade, with roll
 * numbers in name order, and names a homeroom teacher per section.
 */
import { dayNumber } from './calendar';
import { DEMO_ADMIN, DEMO_TEACHER } from './demo-users';
import { SUBJECT_CATALOG } from './curriculum';
import { emailLocalPart, familyWithSurname, randomFamily, randomPerson, SHOWCASE_NAMES, type Family, type Gender, type PersonName } from './names';
import type { Random } from './random';
import type { SchoolAcademics } from './roster-academics';
import type { GuardianLink, GuardianPlan, Role, SchoolPlan, SerialIds, StaffPlan, StudentPlan, TeacherPlan, UserPlan } from './roster';
import type { Scale } from './scales';

export type SchoolPeople = Pick<SchoolPlan, 'teachers' | 'staff' | 'students' | 'guardians' | 'authorUserIds' | 'cashierUserIds'>;

const ADMINS_PER_SCHOOL = 2;
const SIBLING_CHANCE = 0.12;
const GUARDIAN_ACCOUNT_CHANCE = 0.4;
const GUARDIAN_EMAIL_CHANCE = 0.85;
const STAFF_ACCOUNT_CHANCE = 0.6;
const TRANSPORT_CHANCE = 0.4;
const SCHOLARSHIP_CHANCE = 0.03;
const SIBLING_DISCOUNT_PERCENT = 10;
const SCHOLARSHIP_PERCENTS = [25, 50] as const;
const HOMEROOM_VACANT_CHANCE = 0.04;
/** Children start grade 1 in the September after they turn six. */
const AGE_AT_GRADE_ONE = 6;
const SEPTEMBER = 9;
/** Aptitude (0..1, drives exam marks): roughly normal around the mean. */
const APTITUDE_MEAN = 0.7;
const APTITUDE_SPREAD = 0.3;
const APTITUDE_MIN = 0.2;
const DAYS_PER_YEAR = 365;
/** Admissions are processed in August, before the year a child starts grade 1. */
const ADMISSION_MONTH = 8;
const DAYS_IN_ADMISSION_MONTH = 31;
const FINANCE_DEPARTMENT = 'Finance';
/** One department head per this many staff (beyond the principal), up to one per department. */
const STAFF_PER_HEAD = 4;

const DEPARTMENTS = [
  { name: 'Administration', head: 'Office Manager', roles: ['Receptionist', 'Administrative Assistant', 'Registrar'] },
  { name: FINANCE_DEPARTMENT, head: 'Bursar', roles: ['Accountant', 'Accounts Clerk'] },
  { name: 'Facilities', head: 'Facilities Manager', roles: ['Caretaker', 'Groundskeeper', 'Cleaner'] },
  { name: 'Library', head: 'Head Librarian', roles: ['Library Assistant'] },
  { name: 'IT', head: 'IT Manager', roles: ['Network Technician', 'Help-desk Technician'] },
  { name: 'Health & Wellbeing', head: 'School Nurse', roles: ['Counsellor', 'First-aid Officer'] },
  { name: 'Transport', head: 'Transport Coordinator', roles: ['Bus Driver', 'Bus Monitor'] },
] as const;

type Relationship = readonly [string, Gender | null];
const MOTHER: Relationship = ['Mother', 'FEMALE'];
const FATHER: Relationship = ['Father', 'MALE'];
const TWO_GUARDIANS: readonly (readonly [readonly [Relationship, Relationship], number])[] = [
  [[MOTHER, FATHER], 70],
  [[FATHER, MOTHER], 12],
  [[MOTHER, ['Stepfather', 'MALE']], 5],
  [[MOTHER, MOTHER], 3],
  [[FATHER, FATHER], 2],
  [[['Grandmother', 'FEMALE'], ['Grandfather', 'MALE']], 8],
];
const ONE_GUARDIAN: readonly (readonly [readonly [Relationship], number])[] = [
  [[MOTHER], 50],
  [[FATHER], 25],
  [[['Grandmother', 'FEMALE']], 10],
  [[['Legal guardian', null]], 10],
  [[['Aunt', 'FEMALE']], 5],
];
const SINGLE_GUARDIAN_CHANCE = 0.25;

interface FamilyPlan {
  family: Family;
  links: GuardianLink[];
  children: number;
}

class PeopleBuilder {
  readonly people: SchoolPeople = { teachers: [], staff: [], students: [], guardians: [], authorUserIds: [], cashierUserIds: [] };
  private readonly families: FamilyPlan[] = [];

  constructor(
    private readonly scale: Scale,
    private readonly school: SchoolAcademics,
    private readonly users: UserPlan[],
    private readonly random: Random,
  ) {}

  private addUser(role: Role, person: PersonName, options: { demo?: 'admin' | 'teacher'; isActive?: boolean } = {}): UserPlan {
    const demo = options.demo === 'admin' ? DEMO_ADMIN : options.demo === 'teacher' ? DEMO_TEACHER : null;
    const serial = this.users.length + 1;
    const user: UserPlan = {
      id: this.random.cuid(),
      schoolId: this.school.id,
      email: demo?.email ?? `${emailLocalPart(person, role.toLowerCase())}.${serial}@${this.school.identity.domain}`,
      name: demo?.name ?? `${person.firstName} ${person.lastName}`,
      role,
      isActive: options.isActive ?? true,
      demo: options.demo ?? null,
    };
    this.users.push(user);
    return user;
  }

  private get isFirstSchool(): boolean {
    return this.school.index === 0;
  }

  addAdmins(): void {
    for (let i = 0; i < ADMINS_PER_SCHOOL; i++) {
      const user = this.addUser('ADMIN', randomPerson(this.random), { demo: this.isFirstSchool && i === 0 ? 'admin' : undefined });
      this.people.authorUserIds.push(user.id);
      this.people.cashierUserIds.push(user.id);
    }
  }

  addTeachers(): void {
    for (let i = 0; i < this.scale.teachersPerSchool; i++) {
      const user = this.addUser('TEACHER', randomPerson(this.random), { demo: this.isFirstSchool && i === 0 ? 'teacher' : undefined });
      const teacher: TeacherPlan = {
        id: this.random.cuid(),
        userId: user.id,
        employeeNo: `T-${this.school.code}-${String(i + 1).padStart(4, '0')}`,
        subject: i % SUBJECT_CATALOG.length,
      };
      this.people.teachers.push(teacher);
      this.people.authorUserIds.push(user.id);
    }
  }

  addStaff(staffIds: SerialIds): void {
    const staff = this.people.staff;
    const add = (jobTitle: string, department: string, managerId: number | null, alwaysAccount: boolean): StaffPlan => {
      const person = randomPerson(this.random);
      const user = alwaysAccount || this.random.chance(STAFF_ACCOUNT_CHANCE) ? this.addUser('STAFF', person) : null;
      const member: StaffPlan = {
        ...person,
        id: staffIds.next('Staff'),
        userId: user?.id ?? null,
        employeeNo: `S-${this.school.code}-${String(staff.length + 1).padStart(4, '0')}`,
        jobTitle,
        department,
        managerId,
      };
      staff.push(member);
      if (user && department === FINANCE_DEPARTMENT) this.people.cashierUserIds.push(user.id);
      return member;
    };
    const principal = add('Principal', 'Leadership', null, true);
    const headCount = Math.min(DEPARTMENTS.length, Math.ceil((this.scale.staffPerSchool - 1) / STAFF_PER_HEAD));
    const departments = DEPARTMENTS.slice(0, headCount);
    const heads = departments.map((d) => add(d.head, d.name, principal.id, true));
    for (let i = 0; staff.length < this.scale.staffPerSchool; i++) {
      const d = i % departments.length;
      add(this.random.pick(departments[d]!.roles), departments[d]!.name, heads[d]!.id, false);
    }
  }

  private newFamily(family: Family): FamilyPlan {
    const single = this.random.chance(SINGLE_GUARDIAN_CHANCE);
    const relationships: readonly Relationship[] = single ? this.random.weighted(ONE_GUARDIAN) : this.random.weighted(TWO_GUARDIANS);
    const links = relationships.map(([relationship, gender], position): GuardianLink => {
      const step = relationship.startsWith('Step');
      const person = randomPerson(this.random, { gender: gender ?? undefined, family: step ? undefined : family });
      const user = this.random.chance(GUARDIAN_ACCOUNT_CHANCE) ? this.addUser('PARENT', person) : null;
      const email = user?.email ?? (this.random.chance(GUARDIAN_EMAIL_CHANCE) ? `${emailLocalPart(person, 'parent')}@mail.example.test` : null);
      const guardian: GuardianPlan = { ...person, id: this.random.cuid(), userId: user?.id ?? null, email };
      this.people.guardians.push(guardian);
      return { guardian, relationship, isPrimary: position === 0 };
    });
    const plan = { family, links, children: 0 };
    this.families.push(plan);
    return plan;
  }

  addStudents(): void {
    const { gradeLevels, studentsPerGrade, academicYears } = this.scale;
    const firstYear = this.school.years[0]!;
    const accountFromGrade = Math.ceil(gradeLevels / 2) + 1;
    for (let gradeInFirstYear = gradeLevels; gradeInFirstYear > 1 - academicYears; gradeInFirstYear--) {
      const gradeOneStartYear = firstYear.startYear + 1 - gradeInFirstYear;
      const finalGrade = Math.min(gradeLevels, gradeInFirstYear + academicYears - 1);
      const enrolledNow = gradeInFirstYear + academicYears - 1 <= gradeLevels;
      for (let k = 0; k < studentsPerGrade; k++) {
        const serial = this.people.students.length;
        const showcase = this.isFirstSchool && serial < SHOWCASE_NAMES.length ? serial : null;
        const joinSibling = showcase === null && this.families.length > 0 && this.random.chance(SIBLING_CHANCE);
        const familyPlan = joinSibling
          ? this.random.pick(this.families)
          : this.newFamily(showcase === null ? randomFamily(this.random) : familyWithSurname(this.random, SHOWCASE_NAMES[showcase]!.lastName));
        const person = showcase === null ? randomPerson(this.random, { family: familyPlan.family }) : SHOWCASE_NAMES[showcase]!;
        const user = finalGrade >= accountFromGrade ? this.addUser('STUDENT', person, { isActive: enrolledNow }) : null;
        const scholarship = this.random.chance(SCHOLARSHIP_CHANCE) ? this.random.pick(SCHOLARSHIP_PERCENTS) : 0;
        this.people.students.push({
          ...person,
          id: this.random.cuid(),
          schoolId: this.school.id,
          userId: user?.id ?? null,
          admissionNo: `${gradeOneStartYear}-${String(serial + 1).padStart(5, '0')}`,
          admissionDay: dayNumber(gradeOneStartYear, ADMISSION_MONTH, this.random.int(1, DAYS_IN_ADMISSION_MONTH)),
          birthDay: dayNumber(gradeOneStartYear - AGE_AT_GRADE_ONE - 1, SEPTEMBER, 1) + this.random.int(0, DAYS_PER_YEAR - 1),
          gradeInFirstYear,
          aptitude: this.random.bell(APTITUDE_MEAN, APTITUDE_SPREAD, APTITUDE_MIN, 1),
          usesTransport: this.random.chance(TRANSPORT_CHANCE),
          discountPercent: scholarship || (familyPlan.children > 0 ? SIBLING_DISCOUNT_PERCENT : 0),
          guardians: familyPlan.links,
          showcase,
        });
        familyPlan.children++;
      }
    }
  }

  seatStudents(): void {
    const byName = (a: StudentPlan, b: StudentPlan) =>
      a.lastName < b.lastName ? -1 : a.lastName > b.lastName ? 1 : a.firstName < b.firstName ? -1 : a.firstName > b.firstName ? 1 : 0;
    const teachers = this.people.teachers;
    for (const year of this.school.years) {
      for (const classPlan of year.classes) {
        const cohort = this.random.shuffle(this.people.students.filter((s) => s.gradeInFirstYear + year.index === classPlan.grade));
        const count = classPlan.sections.length;
        classPlan.sections.forEach((section, s) => {
          section.members = cohort.slice(Math.floor((s * cohort.length) / count), Math.floor(((s + 1) * cohort.length) / count)).sort(byName);
        });
      }
      year.sections.forEach((section, s) => {
        const teacher = teachers[s % teachers.length];
        section.homeroomTeacherId = teacher && !this.random.chance(HOMEROOM_VACANT_CHANCE) ? teacher.id : null;
      });
    }
  }
}

export function buildPeople(
  scale: Scale,
  school: SchoolAcademics,
  users: UserPlan[],
  staffIds: SerialIds,
  random: Random,
): SchoolPeople {
  const builder = new PeopleBuilder(scale, school, users, random);
  builder.addAdmins();
  builder.addTeachers();
  builder.addStaff(staffIds);
  builder.addStudents();
  builder.seatStudents();
  return builder.people;
}
