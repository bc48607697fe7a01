/**
 * Rows of FeeStructure, Invoice and Payment. Invoices are described by a replayable stream of
 * facts (one labelled random stream, read in a fixed order), so the Payment rows are derived by
 * replaying the facts instead of keeping hundreds of thousands of invoices in memory. Per enrolled
 * student and year: monthly tuition (less any discount, some with school lunches added), the
 * activities fee, the laboratory fee from grade 9, termly transport for bus users, and the
 * admission fee in the year they start grade 1. Older invoices are mostly paid; the newest are
 * still open.
 */
import { AS_OF_DAY, instant, MS_PER_DAY } from './calendar';
import { copyCents, copyDate, copyFloat, copyInt, copyJson, copyRow, copyText, copyTimestamp } from './copy-writer';
import type { Random } from './random';
import type { FeePlan } from './roster';
import type { SeedContext, TableSource } from './table-source';
import { invoiceFacts, type InvoiceFacts } from './invoice-facts';

const NOTE_CHANCE = 0.12;
const INSTALMENT_CHANCE = 0.15;
const CARD_RECEIVED_AT_DESK_CHANCE = 0.5;
/** Share of the amount paid by the first of two instalments, or by a partial payment: [min, min + spread). */
const FIRST_INSTALMENT_MIN = 0.4;
const FIRST_INSTALMENT_SPREAD = 0.3;
const PARTIAL_PAYMENT_MIN = 0.3;
const PARTIAL_PAYMENT_SPREAD = 0.4;
/** Payments arrive up to this many days after the due date. */
const PAYMENT_GRACE_DAYS = 20;
const OFFICE_FIRST_HOUR = 8;
const OFFICE_HOURS = 9;

const NOTES = [
  'Paid via cheque #%n\nReceived at the front office',
  'Parent requested an e-mail copy\tsent',
  'Scanned copy: C:\\Users\\office\\invoices\\%n.pdf',
  '',
  'Remise accordée — « frère / sœur »',
  'Payment plan agreed with the bursar; see "Finance" folder',
] as const;
const METHODS = [
  ['BANK_TRANSFER', 35],
  ['ONLINE', 30],
  ['CARD', 20],
  ['CASH', 10],
  ['CHEQUE', 5],
] as const;

function feeStructures(context: SeedContext): TableSource {
  return {
    table: 'FeeStructure',
    columns: ['id', 'academicYearId', 'classId', 'name', 'amount', 'frequency', 'dueDay', 'lateFeePercent'],
    *rows() {
      for (const school of context.roster.schools) {
        for (const year of school.years) {
          const fees: FeePlan[] = [...year.tuitionByGrade.values(), ...year.flatFees.values()];
          for (const fee of fees) {
            yield copyRow([
              copyInt(fee.id),
              copyInt(year.id),
              copyInt(fee.classId),
              copyText(fee.name),
              copyCents(fee.amountCents),
              fee.frequency,
              copyInt(fee.dueDay),
              copyFloat(fee.lateFeePercent),
            ]);
          }
        }
      }
    },
  };
}

function lineItems(invoice: InvoiceFacts): unknown[] {
  const items: unknown[] = [
    { code: invoice.feeCode, description: invoice.description, quantity: 1, unitPrice: copyCents(invoice.baseCents), amount: copyCents(invoice.baseCents) },
  ];
  if (invoice.lunches > 0) {
    items.push({
      code: 'LUNCH',
      description: 'School lunches (cafétéria — déjeuner)',
      quantity: invoice.lunches,
      unitPrice: copyCents(invoice.lunchPriceCents),
      amount: copyCents(invoice.lunches * invoice.lunchPriceCents),
    });
  }
  if (invoice.discountCents > 0) {
    items.push({ code: 'DISCOUNT', description: `Discount (${invoice.discountPercent} %)`, quantity: 1, amount: copyCents(-invoice.discountCents) });
  }
  return items;
}

function invoices(context: SeedContext): TableSource {
  return {
    table: 'Invoice',
    columns: ['id', 'invoiceNo', 'studentId', 'feeStructureId', 'issuedOn', 'dueOn', 'amount', 'discount', 'status', 'lineItems', 'notes'],
    *rows() {
      const random = context.random('Invoice/rows');
      for (const invoice of invoiceFacts(context)) {
        const note = random.chance(NOTE_CHANCE) ? random.pick(NOTES).replaceAll('%n', String(random.int(100000, 999999))) : null;
        yield copyRow([
          invoice.id,
          copyText(invoice.invoiceNo),
          invoice.studentId,
          copyInt(invoice.feeStructureId),
          copyDate(invoice.issuedOn),
          copyDate(invoice.dueOn),
          copyCents(invoice.amountCents),
          copyCents(invoice.discountCents),
          invoice.status,
          copyJson(lineItems(invoice)),
          copyText(note),
        ]);
      }
    },
  };
}

function reference(method: string, random: Random, invoice: InvoiceFacts): string | null {
  switch (method) {
    case 'CHEQUE':
      return `CHQ-${random.int(100000, 999999)}`;
    case 'CARD':
      return `AUTH ${random.uint32().toString(16).toUpperCase().padStart(8, '0')}`;
    case 'BANK_TRANSFER':
      return `TRF/${invoice.invoiceNo} "school fees"`;
    case 'ONLINE':
      return `pi_${random.cuid().slice(1, 20)}`;
    default:
      return null;
  }
}

function payments(context: SeedContext): TableSource {
  return {
    table: 'Payment',
    columns: ['id', 'invoiceId', 'amount', 'paidAt', 'method', 'reference', 'receivedById'],
    *rows() {
      const random = context.random('Payment');
      const cashiers = new Map(context.roster.schools.map((s) => [s.id, s.cashierUserIds]));
      for (const invoice of invoiceFacts(context)) {
        const net = invoice.amountCents - invoice.discountCents;
        let parts: number[];
        if (invoice.status === 'PAID') {
          const first = Math.round(net * (FIRST_INSTALMENT_MIN + random.next() * FIRST_INSTALMENT_SPREAD));
          parts = random.chance(INSTALMENT_CHANCE) ? [first, net - first] : [net];
        } else if (invoice.status === 'PARTIALLY_PAID') {
          parts = [Math.round(net * (PARTIAL_PAYMENT_MIN + random.next() * PARTIAL_PAYMENT_SPREAD))];
        } else {
          continue;
        }
        const lastPayDay = Math.min(AS_OF_DAY, invoice.dueOn + PAYMENT_GRACE_DAYS);
        let day = invoice.issuedOn;
        for (const amount of parts) {
          day = random.int(day, Math.max(day, lastPayDay));
          const method = random.weighted(METHODS);
          const atDesk = method === 'CASH' || method === 'CHEQUE' || (method === 'CARD' && random.chance(CARD_RECEIVED_AT_DESK_CHANCE));
          const desk = cashiers.get(invoice.schoolId) ?? [];
          const paidAt = atDesk
            ? instant(day, OFFICE_FIRST_HOUR + random.int(0, OFFICE_HOURS - 1), random.int(0, 59), random.int(0, 59), random.int(0, 999))
            : day * MS_PER_DAY + random.int(0, MS_PER_DAY - 1);
          yield copyRow([
            random.cuid(),
            invoice.id,
            copyCents(amount),
            copyTimestamp(paidAt),
            method,
            copyText(reference(method, random, invoice)),
            copyText(atDesk && desk.length > 0 ? random.pick(desk) : null),
          ]);
        }
      }
    },
  };
}

export const feeTables = { feeStructures, invoices, payments };
