/**
 * Rows of Exam and ExamResult. Every enrolled student sits every exam of the year in each subject
 * of their grade's curriculum (unique per exam, student and subject). Marks follow the student's
 * aptitude plus noise, in quarter marks; absentees get 0 with no letter grade.
 */
import { instant } from './calendar';
import { copyCents, copyDate, copyFloat, copyInt, copyRow, copyText, copyTimestamp, COPY_NULL } from './copy-writer';
import { curriculumFor } from './curriculum';
import type { SeedContext, TableSource } from './table-source';

const ABSENT_CHANCE = 0.015;
const REMARK_CHANCE = 0.12;
const QUARTERS_PER_MARK = 4;
const CENTS_PER_QUARTER = 25;
const MARK_NOISE = 0.2;
const GRADING_MIN_DAYS = 3;
const GRADING_MAX_DAYS = 12;
const GRADING_FIRST_HOUR = 15;
const GRADING_HOURS = 7;
/** Time a teacher spends between two scripts, in milliseconds. */
const MARKING_GAP_MIN_MS = 20_000;
const MARKING_GAP_MAX_MS = 240_000;

/** Lower bound of each letter grade, as a fraction of the maximum marks. */
const LETTER_GRADES: readonly (readonly [number, string])[] = [
  [0.95, 'A+'],
  [0.85, 'A'],
  [0.7, 'B'],
  [0.55, 'C'],
  [0.4, 'D'],
  [0, 'F'],
];
const REMARKS = [
  'Excellent — top of the class',
  'Good effort; review "fractions"',
  'Needs to show working\nsee p. 12',
  'Très bien !',
  'Muy bien, sigue así',
  'Improved since the midterm',
  'Handwriting hard to read\t(see script)',
  '',
] as const;
const ABSENT_REMARKS = ['Absent', 'Absent — medical certificate', 'Absent (school trip)'] as const;

function letterFor(fraction: number): string {
  for (const [min, letter] of LETTER_GRADES) if (fraction >= min) return letter;
  return 'F';
}

function exams(context: SeedContext): TableSource {
  return {
    table: 'Exam',
    columns: ['id', 'academicYearId', 'termId', 'name', 'startsOn', 'maxMarks', 'weight'],
    *rows() {
      for (const school of context.roster.schools) {
        for (const year of school.years) {
          for (const exam of year.exams) {
            yield copyRow([
              copyInt(exam.id),
              copyInt(year.id),
              copyInt(exam.termId),
              copyText(exam.name),
              copyDate(exam.startsOn),
              copyInt(exam.maxMarks),
              copyFloat(exam.weight),
            ]);
          }
        }
      }
    },
  };
}

function examResults(context: SeedContext): TableSource {
  const { subjectsPerStudent } = context.roster.scale;
  return {
    table: 'ExamResult',
    columns: ['id', 'examId', 'studentId', 'subjectId', 'marksObtained', 'grade', 'remarks', 'gradedAt'],
    *rows() {
      const random = context.random('ExamResult');
      let id = 0;
      for (const school of context.roster.schools) {
        for (const year of school.years) {
          for (const exam of year.exams) {
            const examId = String(exam.id);
            const maxQuarters = exam.maxMarks * QUARTERS_PER_MARK;
            for (const section of year.sections) {
              const curriculum = curriculumFor(section.grade, subjectsPerStudent);
              for (const catalogIndex of curriculum) {
                const subjectId = String(school.subjects[catalogIndex]!.id);
                const gradingDay = exam.startsOn + random.int(GRADING_MIN_DAYS, GRADING_MAX_DAYS);
                let gradedAt = instant(gradingDay, GRADING_FIRST_HOUR + random.int(0, GRADING_HOURS - 1), random.int(0, 59));
                for (const student of section.members) {
                  gradedAt += random.int(MARKING_GAP_MIN_MS, MARKING_GAP_MAX_MS);
                  let marks: string;
                  let grade: string;
                  let remarks = COPY_NULL;
                  if (random.chance(ABSENT_CHANCE)) {
                    marks = '0.00';
                    grade = COPY_NULL;
                    remarks = copyText(random.pick(ABSENT_REMARKS));
                  } else {
                    const fraction = random.bell(student.aptitude, MARK_NOISE, 0, 1);
                    const quarters = Math.round(fraction * maxQuarters);
                    marks = copyCents(quarters * CENTS_PER_QUARTER);
                    grade = letterFor(quarters / maxQuarters);
                    if (random.chance(REMARK_CHANCE)) remarks = copyText(random.pick(REMARKS));
                  }
                  yield `${++id}\t${examId}\t${student.id}\t${subjectId}\t${marks}\t${grade}\t${remarks}\t${copyTimestamp(gradedAt)}\n`;
                }
              }
            }
          }
        }
      }
    },
  };
}

export const examTables = { exams, examResults };
