/**
 * Rows of the people tables: User, Student, Guardian, StudentGuardian, Teacher and Staff. Ids,
 * names and links come from the roster; the details (timestamps, photos, medical notes, tags,
 * addresses, salaries) are drawn here. The first students of the first school carry fixed edge
 * values (tabs, newlines, backslashes, an empty string, array elements that need quoting).
 */
import { AS_OF_DAY, GO_LIVE_DAYS_BEFORE_HISTORY, instant, MS_PER_DAY } from './calendar';
import { copyArray, copyBool, copyBytea, copyCents, copyDate, copyInt, copyJson, copyRow, copyText, copyTimestamp } from './copy-writer';
import { SUBJECT_CATALOG } from './curriculum';
import { UNUSABLE_PASSWORD_HASH } from './password-hashes';
import { photoBytes } from './photo';
import { phoneNumber, randomAddress } from './places';
import type { Random } from './random';
import type { SeedContext, TableSource } from './table-source';

const PHOTO_CHANCE = 0.3;
const MEDICAL_NOTE_CHANCE = 0.15;
const NO_TAGS_CHANCE = 0.3;
const ADDRESS_CHANCE = 0.75;
const NEVER_LOGGED_IN_CHANCE = 0.3;
const OCCUPATION_CHANCE = 0.8;
const INCOME_CHANCE = 0.7;
const NO_QUALIFICATIONS_CHANCE = 0.1;
const SPECIALIZATION_CHANCE = 0.8;
const LONGEST_SERVICE_DAYS = 25 * 365;
const MIN_SERVICE_DAYS = 30;
const OFFICE_OPENS_HOUR = 7;
const OFFICE_HOURS = 11;

/** Fixed values for the showcase students (by showcase index), so every scale carries them. */
export const SHOWCASE_MEDICAL_NOTES: readonly (string | null)[] = [
  'Allergic to peanuts\n\tCarries EpiPen',
  '',
  'Doctor\'s letter scanned to C:\\Users\\office\\scans\\letter.pdf',
  'Asthma: inhaler "Ventolin" in the nurse\'s office\r\nCall parent if used twice',
];
export const SHOWCASE_TAGS: readonly (readonly string[])[] = [
  ['honor roll', 'bus: route 5, stop 12', 'needs "extra" help', '{robotics}', 'C:\\path', '', 'NULL', 'naïve café'],
  [],
];

const MEDICAL_NOTES = [
  'Asthma — inhaler in the nurse\'s office',
  'Type 1 diabetes; "hypo" kit in school bag',
  'Wears glasses',
  'Lactose intolerant\tno dairy at lunch',
  'Mild hearing loss (left ear) — seat near the front',
  'Bee-sting allergy.\nSecond EpiPen at reception',
] as const;
const TAGS = ['honor roll', 'choir', 'football', 'EAL', 'scholarship', 'chess club', 'bus: route 3, stop 7', 'needs "extra" help', 'debate {captain}', 'art & design'] as const;
const OCCUPATIONS = ['Engineer', 'Nurse', 'Teacher', 'Software developer', 'Accountant', 'Shop owner', 'Médecin', 'Ingeniera', 'Driver', 'Civil servant', 'Farmer', 'Homemaker'] as const;
const QUALIFICATIONS = [
  'B.Ed.', 'PGCE', 'M.Sc. Mathematics', 'Ph.D. (Physics)', 'Cert. "Special Educational Needs"', 'TEFL, Level 5',
  "Licence d'anglais", 'Magíster en Educación', 'CELTA {Cambridge}', 'B.A. History & Politics',
] as const;

function officeInstant(random: Random, day: number): number {
  return instant(day, OFFICE_OPENS_HOUR + random.int(0, OFFICE_HOURS - 1), random.int(0, 59), random.int(0, 59), random.int(0, 999));
}

function serviceStart(random: Random): number {
  return AS_OF_DAY - random.int(MIN_SERVICE_DAYS, LONGEST_SERVICE_DAYS);
}

function salaryCents(random: Random, minUnits: number, maxUnits: number): number {
  return random.int(minUnits, maxUnits) * 100 + random.int(0, 99);
}

function users(context: SeedContext): TableSource {
  return {
    table: 'User',
    columns: ['id', 'schoolId', 'email', 'name', 'passwordHash', 'role', 'isActive', 'lastLoginAt', 'createdAt', 'updatedAt'],
    *rows() {
      const random = context.random('User');
      const firstAccountDay = context.roster.schools[0]!.years[0]!.start - GO_LIVE_DAYS_BEFORE_HISTORY + 1;
      for (const user of context.roster.users) {
        const createdOn = user.demo === null ? random.int(firstAccountDay, AS_OF_DAY - 1) : firstAccountDay;
        const createdAt = officeInstant(random, createdOn);
        const updatedAt = createdAt + Math.floor(random.next() * (AS_OF_DAY * MS_PER_DAY - createdAt));
        const neverLoggedIn = user.demo === null && random.chance(NEVER_LOGGED_IN_CHANCE);
        const lastLoginAt = neverLoggedIn ? null : officeInstant(random, random.int(createdOn + 1, AS_OF_DAY));
        const hash = user.demo === 'admin' ? context.passwords.admin : user.demo === 'teacher' ? context.passwords.teacher : UNUSABLE_PASSWORD_HASH;
        yield copyRow([
          user.id,
          copyInt(user.schoolId),
          copyText(user.email),
          copyText(user.name),
          copyText(hash),
          user.role,
          copyBool(user.isActive),
          copyTimestamp(lastLoginAt),
          copyTimestamp(createdAt),
          copyTimestamp(updatedAt),
        ]);
      }
    },
  };
}

function students(context: SeedContext): TableSource {
  return {
    table: 'Student',
    columns: ['id', 'schoolId', 'userId', 'admissionNo', 'firstName', 'lastName', 'dateOfBirth', 'gender', 'photo', 'medicalNotes', 'tags', 'address', 'enrolledAt'],
    *rows() {
      const random = context.random('Student');
      for (const school of context.roster.schools) {
        for (const student of school.students) {
          const showcase = student.showcase;
          const medicalNotes =
            showcase !== null && showcase < SHOWCASE_MEDICAL_NOTES.length
              ? SHOWCASE_MEDICAL_NOTES[showcase]!
              : random.chance(MEDICAL_NOTE_CHANCE) ? random.pick(MEDICAL_NOTES) : null;
          const tags =
            showcase !== null && showcase < SHOWCASE_TAGS.length
              ? SHOWCASE_TAGS[showcase]!
              : random.chance(NO_TAGS_CHANCE) ? [] : [...new Set([random.pick(TAGS), random.pick(TAGS)])];
          yield copyRow([
            student.id,
            copyInt(student.schoolId),
            copyText(student.userId),
            copyText(student.admissionNo),
            copyText(student.firstName),
            copyText(student.lastName),
            copyDate(student.birthDay),
            student.gender,
            copyBytea(random.chance(PHOTO_CHANCE) ? photoBytes(random) : null),
            copyText(medicalNotes),
            copyArray(tags),
            copyJson(random.chance(ADDRESS_CHANCE) ? randomAddress(random) : null),
            copyTimestamp(officeInstant(random, student.admissionDay)),
          ]);
        }
      }
    },
  };
}

function guardians(context: SeedContext): TableSource {
  return {
    table: 'Guardian',
    columns: ['id', 'userId', 'firstName', 'lastName', 'email', 'phone', 'occupation', 'annualIncome'],
    *rows() {
      const random = context.random('Guardian');
      for (const school of context.roster.schools) {
        for (const guardian of school.guardians) {
          yield copyRow([
            guardian.id,
            copyText(guardian.userId),
            copyText(guardian.firstName),
            copyText(guardian.lastName),
            copyText(guardian.email),
            copyText(phoneNumber(random)),
            copyText(random.chance(OCCUPATION_CHANCE) ? random.pick(OCCUPATIONS) : null),
            copyCents(random.chance(INCOME_CHANCE) ? salaryCents(random, 12_000, 250_000) : null),
          ]);
        }
      }
    },
  };
}

function studentGuardians(context: SeedContext): TableSource {
  return {
    table: 'StudentGuardian',
    columns: ['studentId', 'guardianId', 'relationship', 'isPrimary'],
    *rows() {
      for (const school of context.roster.schools) {
        for (const student of school.students) {
          for (const link of student.guardians) {
            yield copyRow([student.id, link.guardian.id, copyText(link.relationship), copyBool(link.isPrimary)]);
          }
        }
      }
    },
  };
}

function teachers(context: SeedContext): TableSource {
  return {
    table: 'Teacher',
    columns: ['id', 'userId', 'employeeNo', 'qualifications', 'specialization', 'hireDate', 'salary'],
    *rows() {
      const random = context.random('Teacher');
      for (const school of context.roster.schools) {
        for (const teacher of school.teachers) {
          const qualifications = random.chance(NO_QUALIFICATIONS_CHANCE) ? [] : [...new Set([random.pick(QUALIFICATIONS), random.pick(QUALIFICATIONS)])];
          yield copyRow([
            teacher.id,
            teacher.userId,
            copyText(teacher.employeeNo),
            copyArray(qualifications),
            copyText(random.chance(SPECIALIZATION_CHANCE) ? SUBJECT_CATALOG[teacher.subject]!.name : null),
            copyDate(serviceStart(random)),
            copyCents(salaryCents(random, 38_000, 95_000)),
          ]);
        }
      }
    },
  };
}

function staff(context: SeedContext): TableSource {
  return {
    table: 'Staff',
    columns: ['id', 'userId', 'employeeNo', 'jobTitle', 'department', 'managerId', 'hireDate', 'salary'],
    *rows() {
      const random = context.random('Staff');
      for (const school of context.roster.schools) {
        for (const member of school.staff) {
          const leader = member.managerId === null;
          yield copyRow([
            copyInt(member.id),
            copyText(member.userId),
            copyText(member.employeeNo),
            copyText(member.jobTitle),
            copyText(member.department),
            copyInt(member.managerId),
            copyDate(serviceStart(random)),
            copyCents(leader ? salaryCents(random, 90_000, 140_000) : salaryCents(random, 24_000, 70_000)),
          ]);
        }
      }
    },
  };
}

export const peopleTables = { users, students, guardians, studentGuardians, teachers, staff };
