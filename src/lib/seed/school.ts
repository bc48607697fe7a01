/**
 * Rows of the school-level tables: School (with a large nested `settings` JSON), AcademicYear and
 * Term, straight from the roster.
 */
import { GO_LIVE_DAYS_BEFORE_HISTORY, instant } from './calendar';
import { copyBool, copyDate, copyInt, copyJson, copyRow, copyText, copyTimestamp } from './copy-writer';
import { phoneNumber } from './places';
import type { Random } from './random';
import type { SchoolPlan } from './roster';
import type { SeedContext, TableSource } from './table-source';


const GRADING_SCALE = [
  { grade: 'A+', min: 95, points: 4.0 },
  { grade: 'A', min: 85, points: 4.0 },
  { grade: 'B', min: 70, points: 3.0 },
  { grade: 'C', min: 55, points: 2.0 },
  { grade: 'D', min: 40, points: 1.0 },
  { grade: 'F', min: 0, points: 0 },
];

function schoolSettings(school: SchoolPlan, random: Random): Record<string, unknown> {
  const current = school.years[school.years.length - 1]!;
  return {
    locale: { language: random.pick(['en-GB', 'fr-FR', 'es-ES', 'pl-PL', 'vi-VN']), currency: 'USD', dateFormat: 'dd/MM/yyyy' },
    grading: { scale: GRADING_SCALE, passMark: 40, roundTo: 0.25, showRankInReport: random.chance(0.5) },
    attendance: {
      lateAfter: '08:15',
      notifyGuardiansAfterConsecutiveAbsences: 3,
      excuseReasons: ['Illness', 'Medical appointment', 'Family emergency', 'Religious observance', 'School trip'],
    },
    fees: {
      lateFeePercent: 2.5,
      reminderDaysBeforeDue: [7, 3, 1],
      paymentMethods: { CASH: true, CARD: true, BANK_TRANSFER: true, CHEQUE: random.chance(0.7), ONLINE: true },
      bank: { name: 'First Community Bank', iban: `GB${random.int(10, 99)} FCBK ${random.int(1000, 9999)} ${random.int(1000, 9999)} ${random.int(10, 99)}` },
    },
    calendar: {
      weekStartsOn: 'MONDAY',
      currentYear: current.name,
      terms: current.terms.map((t) => ({ name: t.name, start: copyDate(t.start), end: copyDate(t.end) })),
      holidays: [
        { name: 'Winter break ❄️', from: copyDate(current.terms[0]!.end + 1), to: copyDate(current.terms[1]!.start - 1) },
        { name: 'Fête de la musique', on: `${current.startYear + 1}-06-21` },
        { name: 'Día de Andalucía', on: `${current.startYear + 1}-02-28` },
      ],
    },
    features: { library: true, transport: true, onlineAdmissions: random.chance(0.5), parentPortal: true, smsAlerts: false },
    branding: {
      primaryColor: `#${random.int(0, 0xffffff).toString(16).padStart(6, '0')}`,
      motto: random.pick(['Scientia potentia est', 'Carpe diem', 'Ad astra per aspera', 'Lux et veritas']),
      reportFooter: 'Printed by the "School ERP"\nPath: \\\\fileserver\\reports\\{year}',
    },
    integrations: [
      { kind: 'sms', provider: 'example-sms', enabled: false, options: { senderId: school.code } },
      { kind: 'lms', provider: 'moodle', enabled: true, options: { baseUrl: `https://lms.${school.identity.domain}/`, courseSync: ['MATH', 'ENG'] } },
    ],
  };
}

function schools(context: SeedContext): TableSource {
  return {
    table: 'School',
    columns: ['id', 'code', 'name', 'address', 'phone', 'email', 'foundedOn', 'timeZone', 'settings', 'createdAt'],
    *rows() {
      const random = context.random('School');
      for (const school of context.roster.schools) {
        const goLive = school.years[0]!.start - GO_LIVE_DAYS_BEFORE_HISTORY;
        const address = `${random.int(1, 200)} ${random.pick(['Park Lane', 'Avenue des Écoles', 'Calle de la Escuela', 'ul. Szkolna'])}\n${school.identity.city}`;
        yield copyRow([
          copyInt(school.id),
          copyText(school.code),
          copyText(school.identity.name),
          copyText(address),
          copyText(random.chance(0.9) ? phoneNumber(random) : null),
          copyText(school.index % 4 === 3 ? null : `office@${school.identity.domain}`),
          copyDate(school.foundedDay),
          copyText(school.identity.timeZone),
          copyJson(schoolSettings(school, random)),
          copyTimestamp(instant(goLive, 9, random.int(0, 59), random.int(0, 59), random.int(0, 999))),
        ]);
      }
    },
  };
}

function academicYears(context: SeedContext): TableSource {
  return {
    table: 'AcademicYear',
    columns: ['id', 'schoolId', 'name', 'startDate', 'endDate', 'isCurrent'],
    *rows() {
      for (const school of context.roster.schools) {
        for (const year of school.years) {
          yield copyRow([copyInt(year.id), copyInt(school.id), copyText(year.name), copyDate(year.start), copyDate(year.end), copyBool(year.isCurrent)]);
        }
      }
    },
  };
}

function terms(context: SeedContext): TableSource {
  return {
    table: 'Term',
    columns: ['id', 'academicYearId', 'name', 'startDate', 'endDate'],
    *rows() {
      for (const school of context.roster.schools) {
        for (const year of school.years) {
          for (const [i, term] of year.terms.entries()) {
            yield copyRow([copyInt(year.termIds[i]!), copyInt(year.id), copyText(term.name), copyDate(term.start), copyDate(term.end)]);
          }
        }
      }
    },
  };
}

export const schoolTables = { schools, academicYears, terms };
