/**
 * Rows of Attendance, the largest table: one per enrolled student per attendance day (so
 * (studentId, date) stays unique), taken by the section's homeroom teacher in the morning, in roll
 * order a few seconds apart. This is the hot loop of every large scale: per-day and per-section
 * strings are computed once, and each row is one template string.
 */
import { instant } from './calendar';
import { copyDate, copyInt, copyText, copyTimestamp, COPY_NULL } from './copy-writer';
import type { SeedContext, TableSource } from './table-source';

/** Thresholds on a uniform uint32 draw: ABSENT below the first, LATE below the second, EXCUSED below the third. */
const UINT32 = 4294967296;
const ABSENT_BELOW = 0.035 * UINT32;
const LATE_BELOW = ABSENT_BELOW + 0.03 * UINT32;
const EXCUSED_BELOW = LATE_BELOW + 0.015 * UINT32;
const REMARK_CHANCE_WHEN_NOT_PRESENT = 0.45;
const REMARK_CHANCE_WHEN_PRESENT = 0.002;
const UNRECORDED_TEACHER_CHANCE = 0.01;
const ROLL_CALL_HOUR = 8;
const ROLL_CALL_SPREAD_MINUTES = 25;
const SECONDS_BETWEEN_STUDENTS = 4;

const REMARKS_ABSENT = ['Sick', 'No reason given', 'Family trip', 'Fever — parent called at 08:05', 'Unexcused', ''] as const;
const REMARKS_LATE = ['Bus delayed', 'Overslept', 'Traffic on "Main St"', 'Late 10 min\tsigned in at office', 'Dentist before school'] as const;
const REMARKS_EXCUSED = ['Doctor\'s appointment', 'Medical certificate on file', 'Religious holiday', 'School trip — Musée d\'Orsay', 'Sports competition\nwith coach'] as const;
const REMARKS_PRESENT = ['Left early — dentist', 'Forgot PE kit', 'Back from illness'] as const;

function attendance(context: SeedContext): TableSource {
  return {
    table: 'Attendance',
    columns: ['id', 'studentId', 'sectionId', 'date', 'status', 'remarks', 'recordedById', 'recordedAt'],
    *rows() {
      const random = context.random('Attendance');
      let id = 0;
      for (const school of context.roster.schools) {
        const anyTeacher = school.teachers;
        for (const year of school.years) {
          for (const day of year.attendanceDays) {
            const date = copyDate(day);
            for (const section of year.sections) {
              const sectionId = copyInt(section.id);
              const teacherId = section.homeroomTeacherId ?? anyTeacher[section.id % anyTeacher.length]!.id;
              const recordedBy = random.chance(UNRECORDED_TEACHER_CHANCE) ? COPY_NULL : teacherId;
              let at = instant(day, ROLL_CALL_HOUR, random.int(0, ROLL_CALL_SPREAD_MINUTES), random.int(0, 59), random.int(0, 999));
              const members = section.members;
              for (let i = 0; i < members.length; i++) {
                const draw = random.uint32();
                let status: string;
                let remarks = COPY_NULL;
                if (draw >= EXCUSED_BELOW) {
                  status = 'PRESENT';
                  if (random.chance(REMARK_CHANCE_WHEN_PRESENT)) remarks = copyText(random.pick(REMARKS_PRESENT));
                } else {
                  const pool = draw < ABSENT_BELOW ? REMARKS_ABSENT : draw < LATE_BELOW ? REMARKS_LATE : REMARKS_EXCUSED;
                  status = draw < ABSENT_BELOW ? 'ABSENT' : draw < LATE_BELOW ? 'LATE' : 'EXCUSED';
                  if (random.chance(REMARK_CHANCE_WHEN_NOT_PRESENT)) remarks = copyText(random.pick(pool));
                }
                at += SECONDS_BETWEEN_STUDENTS * 1000 + (draw & 0x3ff);
                yield `${++id}\t${members[i]!.id}\t${sectionId}\t${date}\t${status}\t${remarks}\t${recordedBy}\t${copyTimestamp(at)}\n`;
              }
            }
          }
        }
      }
    },
  };
}

export const attendanceTables = { attendance };
