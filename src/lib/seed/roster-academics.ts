/**
 * Builds the academic skeleton of one school for the roster: its identity, years with terms,
 * classes (one per grade) and empty sections, subjects, exams and fee structures, with serial ids
 * handed out in load order. Who sits in each section is filled in by roster-people.ts.
 */
import { dayNumber, isWeekend, schoolYears } from './calendar';
import { EXAM_PLAN, FLAT_FEES, SUBJECT_CATALOG, TUITION_BASE_CENTS, TUITION_DUE_DAY, TUITION_LATE_FEE_PERCENT, TUITION_PER_GRADE_CENTS } from './curriculum';
import { schoolIdentity, type SchoolIdentity } from './places';
import type { Random } from './random';
import type { ClassPlan, ExamPlan, FeePlan, SchoolPlan, SectionPlan, SerialIds, SubjectPlan, YearPlan } from './roster';
import type { Scale } from './scales';

export type SchoolAcademics = Pick<SchoolPlan, 'id' | 'index' | 'code' | 'identity' | 'foundedDay' | 'years' | 'subjects'>;

const SECTION_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const OLDEST_FOUNDING_YEAR = 1898;
const FOUNDING_YEAR_SPREAD = 110;
/** Yearly tuition increase, in percent, applied backwards for past years. */
const TUITION_YEARLY_INCREASE_PERCENT = 4;

function schoolCode(index: number): string {
  return `SCH-${String(index + 1).padStart(3, '0')}`;
}

function nextWeekday(day: number): number {
  let result = day;
  while (isWeekend(result)) result++;
  return result;
}

function buildExams(year: YearPlan, scale: Scale, ids: SerialIds): ExamPlan[] {
  return EXAM_PLAN.slice(0, scale.examsPerYear).map((exam) => {
    const term = exam.term === null ? null : year.terms[exam.term]!;
    return {
      id: ids.next('Exam'),
      name: exam.name,
      termId: exam.term === null ? null : year.termIds[exam.term]!,
      startsOn: nextWeekday((term?.start ?? year.start) + exam.startOffsetDays),
      maxMarks: exam.maxMarks,
      weight: exam.weight,
    };
  });
}

function buildFees(year: YearPlan, scale: Scale, ids: SerialIds): void {
  const yearsBeforeCurrent = scale.academicYears - 1 - year.index;
  const inflation = (cents: number) => Math.round(cents / (1 + TUITION_YEARLY_INCREASE_PERCENT / 100) ** yearsBeforeCurrent);
  for (const classPlan of year.classes) {
    year.tuitionByGrade.set(classPlan.grade, {
      id: ids.next('FeeStructure'),
      classId: classPlan.id,
      name: `Tuition — Grade ${classPlan.grade}`,
      amountCents: inflation(TUITION_BASE_CENTS + classPlan.grade * TUITION_PER_GRADE_CENTS),
      frequency: 'MONTHLY',
      dueDay: TUITION_DUE_DAY,
      lateFeePercent: TUITION_LATE_FEE_PERCENT,
    });
  }
  for (const fee of FLAT_FEES) {
    if (fee.fromGrade > scale.gradeLevels) continue;
    const plan: FeePlan = {
      id: ids.next('FeeStructure'),
      classId: null,
      name: fee.name,
      amountCents: inflation(fee.amountCents),
      frequency: fee.frequency,
      dueDay: fee.dueDay,
      lateFeePercent: fee.lateFeePercent,
    };
    year.flatFees.set(fee.key, plan);
  }
}

export function buildAcademics(scale: Scale, index: number, ids: SerialIds, random: Random): SchoolAcademics {
  const identity: SchoolIdentity = schoolIdentity(index);
  const id = ids.next('School');
  const sectionsPerClass = Math.ceil(scale.studentsPerGrade / scale.sectionCapacity);
  const years: YearPlan[] = schoolYears(scale.academicYears).map((dates, yearIndex) => {
    const yearId = ids.next('AcademicYear');
    const termIds = dates.terms.map(() => ids.next('Term'));
    const attendanceDays =
      scale.attendanceDaysPerYear === null ? dates.schoolDays : dates.schoolDays.slice(-scale.attendanceDaysPerYear);
    return {
      ...dates,
      id: yearId,
      index: yearIndex,
      isCurrent: yearIndex === scale.academicYears - 1,
      termIds,
      classes: [],
      sections: [],
      attendanceDays,
      exams: [],
      tuitionByGrade: new Map(),
      flatFees: new Map(),
    };
  });
  // Load order is AcademicYear, Term, ClassGroup, Section, Subject, ..., Exam, FeeStructure: ids follow it.
  for (const year of years) {
    for (let grade = 1; grade <= scale.gradeLevels; grade++) {
      const classPlan: ClassPlan = { id: ids.next('ClassGroup'), grade, sections: [] };
      year.classes.push(classPlan);
    }
  }
  for (const year of years) {
    for (const classPlan of year.classes) {
      for (let s = 0; s < sectionsPerClass; s++) {
        const section: SectionPlan = {
          id: ids.next('Section'),
          classId: classPlan.id,
          grade: classPlan.grade,
          name: SECTION_LETTERS[s % SECTION_LETTERS.length]!,
          homeroomTeacherId: null,
          members: [],
        };
        classPlan.sections.push(section);
        year.sections.push(section);
      }
    }
  }
  const subjects: SubjectPlan[] = SUBJECT_CATALOG.map((_, catalogIndex) => ({ id: ids.next('Subject'), catalogIndex }));
  for (const year of years) year.exams = buildExams(year, scale, ids);
  for (const year of years) buildFees(year, scale, ids);

  const foundedYear = OLDEST_FOUNDING_YEAR + random.int(0, FOUNDING_YEAR_SPREAD);
  return {
    id,
    index,
    code: schoolCode(index),
    identity,
    foundedDay: dayNumber(foundedYear, random.int(1, 12), random.int(1, 28)),
    years,
    subjects,
  };
}
