/**
 * The facts of every invoice (who, which fee, dates, amounts, status), generated lazily from one
 * labelled random stream and nothing else, so that iterating twice yields identical facts: once
 * for the Invoice rows and once for the Payment rows. Billing runs per school and year in date
 * order (admission, activities and laboratory in September, transport each term, tuition every
 * month), which is also the order of the invoice numbers.
 */
import { AS_OF_DAY, dayNumber, MS_PER_DAY, yearOfDay } from './calendar';
import type { FeePlan, SchoolPlan, StudentPlan, YearPlan } from './roster';
import type { Random } from './random';
import type { SeedContext } from './table-source';

export type InvoiceStatus = 'DRAFT' | 'ISSUED' | 'PARTIALLY_PAID' | 'PAID' | 'OVERDUE' | 'CANCELLED';

export interface InvoiceFacts {
  id: string;
  invoiceNo: string;
  schoolId: number;
  studentId: string;
  feeStructureId: number;
  feeCode: string;
  description: string;
  issuedOn: number;
  dueOn: number;
  baseCents: number;
  lunches: number;
  lunchPriceCents: number;
  discountPercent: number;
  discountCents: number;
  amountCents: number;
  status: InvoiceStatus;
}

const FACTS_STREAM = 'Invoice/facts';
const ADMISSION_BILLED_DAYS_BEFORE_START = 20;
const LUNCH_CHANCE = 0.2;
const LUNCH_PRICE_CENTS = 450;
/** Invoices issued this close to the as-of day are still open. */
const RECENT_DAYS = 60;
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SEPTEMBER = 9;

const RECENT_STATUSES: readonly (readonly [InvoiceStatus, number])[] = [
  ['PAID', 55],
  ['PARTIALLY_PAID', 12],
  ['ISSUED', 25],
  ['DRAFT', 3],
  ['OVERDUE', 5],
];
const OLDER_STATUSES: readonly (readonly [InvoiceStatus, number])[] = [
  ['PAID', 95.5],
  ['OVERDUE', 2.5],
  ['CANCELLED', 1.5],
  ['PARTIALLY_PAID', 0.5],
];

interface BillingRun {
  fee: FeePlan;
  feeCode: string;
  description: string;
  issuedOn: number;
  dueOn: number;
  tuition: boolean;
  /** School days in the billed month, for the optional lunch line (tuition only). */
  lunchDays: number;
  appliesTo(student: StudentPlan, grade: number): boolean;
}

function monthStart(year: YearPlan, monthIndex: number): number {
  const month = ((SEPTEMBER - 1 + monthIndex) % 12) + 1;
  return dayNumber(year.startYear + (month < SEPTEMBER ? 1 : 0), month, 1);
}

function billingRuns(year: YearPlan, tuitionMonths: number): BillingRun[] {
  const runs: BillingRun[] = [];
  const admission = year.flatFees.get('admission');
  if (admission) {
    const issuedOn = year.start - ADMISSION_BILLED_DAYS_BEFORE_START;
    runs.push({ fee: admission, feeCode: 'ADMISSION', description: admission.name, issuedOn, dueOn: issuedOn + 14, tuition: false, lunchDays: 0,
      appliesTo: (student, grade) => grade === 1 && student.gradeInFirstYear + year.index === 1 });
  }
  for (const [key, code] of [['activities', 'ACTIVITIES'], ['laboratory', 'LAB']] as const) {
    const fee = year.flatFees.get(key);
    if (!fee) continue;
    const fromGrade = key === 'laboratory' ? 9 : 1;
    runs.push({ fee, feeCode: code, description: `${fee.name} ${year.name}`, issuedOn: year.start, dueOn: year.start + fee.dueDay - 1, tuition: false, lunchDays: 0,
      appliesTo: (_, grade) => grade >= fromGrade });
  }
  const transport = year.flatFees.get('transport');
  if (transport) {
    for (const term of year.terms) {
      runs.push({ fee: transport, feeCode: 'TRANSPORT', description: `${transport.name}: ${term.name}`, issuedOn: term.start, dueOn: term.start + transport.dueDay, tuition: false, lunchDays: 0,
        appliesTo: (student) => student.usesTransport });
    }
  }
  for (let m = 0; m < tuitionMonths; m++) {
    const issuedOn = monthStart(year, m);
    const lunchDays = year.schoolDays.filter((d) => d >= issuedOn && d < monthStart(year, m + 1)).length;
    const label = `${MONTH_NAMES[new Date(issuedOn * MS_PER_DAY).getUTCMonth()]} ${yearOfDay(issuedOn)}`;
    for (const [grade, fee] of year.tuitionByGrade) {
      runs.push({ fee, feeCode: 'TUITION', description: `Tuition — Grade ${grade} (${label})`, issuedOn, dueOn: issuedOn + fee.dueDay - 1, tuition: true, lunchDays,
        appliesTo: (_, g) => g === grade });
    }
  }
  return runs.sort((a, b) => a.issuedOn - b.issuedOn);
}

function statusFor(random: Random, issuedOn: number, dueOn: number): InvoiceStatus {
  if (issuedOn <= AS_OF_DAY - RECENT_DAYS) return random.weighted(OLDER_STATUSES);
  const status = random.weighted(RECENT_STATUSES);
  return status === 'OVERDUE' && dueOn >= AS_OF_DAY ? 'ISSUED' : status;
}

function* schoolYearFacts(school: SchoolPlan, year: YearPlan, tuitionMonths: number, random: Random): Generator<InvoiceFacts> {
  let serial = 0;
  for (const run of billingRuns(year, tuitionMonths)) {
    for (const section of year.sections) {
      for (const student of section.members) {
        if (!run.appliesTo(student, section.grade)) continue;
        const lunches = run.tuition && random.chance(LUNCH_CHANCE) ? run.lunchDays : 0;
        const discountPercent = run.tuition ? student.discountPercent : 0;
        const discountCents = Math.round((run.fee.amountCents * discountPercent) / 100);
        yield {
          id: random.cuid(),
          invoiceNo: `INV-${school.code}-${year.startYear}-${String(++serial).padStart(6, '0')}`,
          schoolId: school.id,
          studentId: student.id,
          feeStructureId: run.fee.id,
          feeCode: run.feeCode,
          description: run.description,
          issuedOn: run.issuedOn,
          dueOn: run.dueOn,
          baseCents: run.fee.amountCents,
          lunches,
          lunchPriceCents: LUNCH_PRICE_CENTS,
          discountPercent,
          discountCents,
          amountCents: run.fee.amountCents + lunches * LUNCH_PRICE_CENTS,
          status: statusFor(random, run.issuedOn, run.dueOn),
        };
      }
    }
  }
}

export function* invoiceFacts(context: SeedContext): Generator<InvoiceFacts> {
  const random = context.random(FACTS_STREAM);
  for (const school of context.roster.schools) {
    for (const year of school.years) yield* schoolYearFacts(school, year, context.roster.scale.tuitionMonths, random);
  }
}
