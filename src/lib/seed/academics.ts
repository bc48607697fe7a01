/**
 * Rows of the class structure: ClassGroup, Section, Subject, Enrollment and TimetableSlot.
 * Enrollment status: ACTIVE in the current year (a few TRANSFERRED or WITHDRAWN), GRADUATED for
 * every completed past year, since the schema has no "promoted" state. The timetable gives every
 * section `periodsPerDay` lessons a weekday, rotating through its grade's curriculum, each taught
 * by a teacher of that subject.
 */
import { copyDate, copyFloat, copyInt, copyRow, copyText, copyTime } from './copy-writer';
import { SECONDS_PER_HOUR, WEEKDAY_NAMES } from './calendar';
import { curriculumFor, SUBJECT_CATALOG } from './curriculum';
import type { SchoolPlan, SectionPlan, TeacherPlan } from './roster';
import type { SeedContext, TableSource } from './table-source';

const ROOM_MISSING_EVERY = 10;
const TRANSFERRED_CHANCE = 0.01;
const WITHDRAWN_CHANCE = 0.005;
const ENROLMENT_LEAD_DAYS = 21;
const FIRST_PERIOD_SECONDS = 8 * SECONDS_PER_HOUR + 30 * 60;
const LESSON_SECONDS = 45 * 60;
const BREAK_SECONDS = 10 * 60;
const LUNCH_SECONDS = 40 * 60;
const PERIODS_BEFORE_LUNCH = 4;
/** Subjects taught in special rooms rather than the section's own. */
const SPECIAL_ROOMS: Readonly<Record<string, string>> = { SCI: 'Lab 2', PE: 'Gymnasium', ICT: 'Computer Lab', MUS: 'Music Room', ART: 'Art Studio' };

/** A section's home room, e.g. "B-214"; a few sections have none recorded. */
function roomOf(section: SectionPlan): string | null {
  if (section.id % ROOM_MISSING_EVERY === ROOM_MISSING_EVERY - 1) return null;
  const building = section.grade <= 4 ? 'A' : section.grade <= 8 ? 'B' : 'C';
  return `${building}-${100 * (1 + (section.grade % 3)) + (section.id % 40)}`;
}

function classGroups(context: SeedContext): TableSource {
  return {
    table: 'ClassGroup',
    columns: ['id', 'academicYearId', 'name', 'gradeLevel'],
    *rows() {
      for (const school of context.roster.schools) {
        for (const year of school.years) {
          for (const c of year.classes) yield copyRow([copyInt(c.id), copyInt(year.id), copyText(`Grade ${c.grade}`), copyInt(c.grade)]);
        }
      }
    },
  };
}

function sections(context: SeedContext): TableSource {
  const { sectionCapacity } = context.roster.scale;
  return {
    table: 'Section',
    columns: ['id', 'classId', 'name', 'roomNumber', 'capacity', 'homeroomTeacherId'],
    *rows() {
      for (const school of context.roster.schools) {
        for (const year of school.years) {
          for (const s of year.sections) {
            yield copyRow([copyInt(s.id), copyInt(s.classId), copyText(s.name), copyText(roomOf(s)), copyInt(sectionCapacity), copyText(s.homeroomTeacherId)]);
          }
        }
      }
    },
  };
}

function subjects(context: SeedContext): TableSource {
  return {
    table: 'Subject',
    columns: ['id', 'schoolId', 'code', 'name', 'credits', 'description'],
    *rows() {
      for (const school of context.roster.schools) {
        for (const subject of school.subjects) {
          const definition = SUBJECT_CATALOG[subject.catalogIndex]!;
          yield copyRow([
            copyInt(subject.id),
            copyInt(school.id),
            copyText(definition.code),
            copyText(definition.name),
            copyFloat(definition.credits),
            copyText(definition.description),
          ]);
        }
      }
    },
  };
}

function enrollments(context: SeedContext): TableSource {
  return {
    table: 'Enrollment',
    columns: ['id', 'studentId', 'sectionId', 'academicYearId', 'rollNumber', 'enrolledOn', 'status'],
    *rows() {
      const random = context.random('Enrollment');
      let id = 0;
      for (const school of context.roster.schools) {
        for (const year of school.years) {
          for (const section of year.sections) {
            for (const [i, student] of section.members.entries()) {
              const roll = random.next();
              const status = !year.isCurrent
                ? 'GRADUATED'
                : roll < TRANSFERRED_CHANCE ? 'TRANSFERRED' : roll < TRANSFERRED_CHANCE + WITHDRAWN_CHANCE ? 'WITHDRAWN' : 'ACTIVE';
              const enrolledOn = year.start - random.int(0, ENROLMENT_LEAD_DAYS);
              yield copyRow([copyInt(++id), student.id, copyInt(section.id), copyInt(year.id), copyInt(i + 1), copyDate(enrolledOn), status]);
            }
          }
        }
      }
    },
  };
}

/** Teachers of each subject (catalogue index → teachers), falling back to anyone when a subject has none. */
function teacherFinder(school: SchoolPlan): (subject: number, sectionSerial: number) => TeacherPlan {
  const bySubject = new Map<number, TeacherPlan[]>();
  for (const teacher of school.teachers) bySubject.set(teacher.subject, [...(bySubject.get(teacher.subject) ?? []), teacher]);
  return (subject, sectionSerial) => {
    const pool = bySubject.get(subject) ?? school.teachers;
    return pool[sectionSerial % pool.length]!;
  };
}

function periodStart(period: number): number {
  const lunch = period >= PERIODS_BEFORE_LUNCH ? LUNCH_SECONDS - BREAK_SECONDS : 0;
  return FIRST_PERIOD_SECONDS + period * (LESSON_SECONDS + BREAK_SECONDS) + lunch;
}

function timetableSlots(context: SeedContext): TableSource {
  const { periodsPerDay, subjectsPerStudent } = context.roster.scale;
  return {
    table: 'TimetableSlot',
    columns: ['id', 'sectionId', 'subjectId', 'teacherId', 'weekday', 'startsAt', 'endsAt', 'room'],
    *rows() {
      let id = 0;
      for (const school of context.roster.schools) {
        const teacherFor = teacherFinder(school);
        for (const year of school.years) {
          for (const [serial, section] of year.sections.entries()) {
            const curriculum = curriculumFor(section.grade, subjectsPerStudent);
            const homeRoom = roomOf(section);
            for (const [w, weekday] of WEEKDAY_NAMES.entries()) {
              for (let period = 0; period < periodsPerDay; period++) {
                const catalogIndex = curriculum[(w * periodsPerDay + period + serial) % curriculum.length]!;
                const subject = school.subjects[catalogIndex]!;
                const start = periodStart(period);
                const room = SPECIAL_ROOMS[SUBJECT_CATALOG[catalogIndex]!.code] ?? homeRoom;
                yield copyRow([
                  copyInt(++id),
                  copyInt(section.id),
                  copyInt(subject.id),
                  teacherFor(catalogIndex, serial).id,
                  weekday,
                  copyTime(start),
                  copyTime(start + LESSON_SECONDS),
                  copyText(room),
                ]);
              }
            }
          }
        }
      }
    },
  };
}

export const academicTables = { classGroups, sections, subjects, enrollments, timetableSlots };
