/**
 * Rows of Book and LibraryLoan. Books mix world classics (titles and authors in their own
 * scripts; authors written "Surname, Given" so array elements carry commas) with textbooks; ISBNs
 * are valid ISBN-13s, unique across the district, with a few older books lacking one. Loans are
 * drawn per enrolled student and year on school days: most are returned (late ones fined), a few
 * lost, and the newest are still out.
 */
import { AS_OF_DAY, instant } from './calendar';
import { copyArray, copyCents, copyInt, copyDate, copyRow, copyText, copyTimestamp } from './copy-writer';
import type { Random } from './random';
import type { SeedContext, TableSource } from './table-source';

const ISBN_PREFIX = '978';
/** Coprime with 10^9, so i ↦ i × k mod 10^9 is a bijection: distinct books get distinct ISBNs. */
const ISBN_SCRAMBLE = 7_919;
const ISBN_BODY_MODULUS = 1_000_000_000;
const NO_ISBN_CHANCE = 0.05;
const NO_YEAR_CHANCE = 0.04;
const NO_SHELF_CHANCE = 0.05;
const CLASSIC_CHANCE = 0.45;
const LOAN_DAYS = 14;
const LOST_CHANCE = 0.015;
const NEVER_RETURNED_CHANCE = 0.02;
const LATE_CHANCE = 0.12;
const FINE_PER_DAY_CENTS = 25;
const LOST_FINE_CENTS = [1500, 2250, 3999] as const;
const DESK_OPENS_HOUR = 8;
const DESK_HOURS = 9;

const CLASSICS: readonly (readonly [string, readonly string[], number | null])[] = [
  ['Pride and Prejudice', ['Austen, Jane'], 1813],
  ['Cien años de soledad', ['García Márquez, Gabriel'], 1967],
  ['Война и мир', ['Толстой, Лев'], 1869],
  ['红楼梦', ['曹雪芹', '高鹗'], 1791],
  ['Les Misérables', ['Hugo, Victor'], 1862],
  ['Der Process', ['Kafka, Franz'], 1925],
  ['Pan Tadeusz', ['Mickiewicz, Adam'], 1834],
  ['Truyện Kiều', ['Nguyễn Du'], 1820],
  ['Things Fall Apart', ['Achebe, Chinua'], 1958],
  ['The Hobbit, or There and Back Again', ['Tolkien, J. R. R.'], 1937],
  ['Alice\'s Adventures in Wonderland', ['Carroll, Lewis', 'Tenniel, John (ill.)'], 1865],
  ['Kalevala', [], null],
  ['The Third Policeman', ["O'Brien, Flann"], 1967],
  ['Ficciones', ['Borges, Jorge Luis'], 1944],
  ['ألف ليلة وليلة', [], null],
  ['Den lille havfrue', ['Andersen, H. C.'], 1837],
];
const TEXTBOOK_SUBJECTS = ['Mathematics', 'Science Explorer: Forces & Motion', 'World History', 'English Grammar "in Use"', 'Geography {Atlas}', 'Python for Beginners', 'Français — Niveau 2', 'Chemistry: The Central Science'] as const;
const TEXTBOOK_AUTHORS = ['Smith, Anne', 'Nguyễn, Văn An', 'Kowalski, Piotr', 'Okafor, Chinedu', 'Fernández, Lucía', 'Sørensen, Mette', 'Iyer, Priya'] as const;
const EDITIONS = ['1st ed.', '2nd ed.', '3rd ed.', '4th ed., revised'] as const;
const SHELF_SECTIONS = ['FIC', 'REF', 'SCI', 'HIS', 'LANG', 'MATH'] as const;

function isbn13(serial: number): string {
  const body = ISBN_PREFIX + String((serial * ISBN_SCRAMBLE) % ISBN_BODY_MODULUS).padStart(9, '0');
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return body + String((10 - (sum % 10)) % 10);
}

function deskInstant(random: Random, day: number): number {
  return instant(day, DESK_OPENS_HOUR + random.int(0, DESK_HOURS - 1), random.int(0, 59), random.int(0, 59), random.int(0, 999));
}

function books(context: SeedContext): TableSource {
  return {
    table: 'Book',
    columns: ['id', 'schoolId', 'isbn', 'title', 'authors', 'publishedYear', 'copiesTotal', 'copiesAvailable', 'shelf'],
    *rows() {
      const random = context.random('Book');
      for (const school of context.roster.schools) {
        for (let i = 0; i < school.bookCount; i++) {
          const id = school.firstBookId + i;
          let title: string;
          let authors: readonly string[];
          let year: number | null;
          let copies: number;
          if (random.chance(CLASSIC_CHANCE)) {
            [title, authors, year] = random.pick(CLASSICS);
            copies = random.int(1, 4);
          } else {
            title = `${random.pick(TEXTBOOK_SUBJECTS)}, Grade ${random.int(1, 12)} (${random.pick(EDITIONS)})`;
            authors = [...new Set([random.pick(TEXTBOOK_AUTHORS), random.pick(TEXTBOOK_AUTHORS)])];
            year = random.int(1995, 2025);
            copies = random.int(5, 30);
          }
          yield copyRow([
            copyInt(id),
            copyInt(school.id),
            copyText(random.chance(NO_ISBN_CHANCE) ? null : isbn13(id)),
            copyText(title),
            copyArray(authors),
            copyInt(year === null || random.chance(NO_YEAR_CHANCE) ? null : year),
            copyInt(copies),
            copyInt(random.int(0, copies)),
            copyText(random.chance(NO_SHELF_CHANCE) ? null : `${random.pick(SHELF_SECTIONS)}-${String.fromCharCode(65 + random.int(0, 7))}-${random.int(1, 40)}`),
          ]);
        }
      }
    },
  };
}

function libraryLoans(context: SeedContext): TableSource {
  const { loansPerStudentYear } = context.roster.scale;
  return {
    table: 'LibraryLoan',
    columns: ['id', 'bookId', 'studentId', 'borrowedAt', 'dueOn', 'returnedAt', 'status', 'fineAmount'],
    *rows() {
      const random = context.random('LibraryLoan');
      let id = 0;
      for (const school of context.roster.schools) {
        for (const year of school.years) {
          const days = year.schoolDays;
          for (const section of year.sections) {
            for (const student of section.members) {
              for (let n = 0; n < loansPerStudentYear; n++) {
                const borrowedOn = random.pick(days);
                const dueOn = borrowedOn + LOAN_DAYS;
                const borrowedAt = deskInstant(random, borrowedOn);
                let status: string;
                let returnedAt: number | null = null;
                let fineCents: number | null = null;
                const returnOn = borrowedOn + random.int(2, LOAN_DAYS) + (random.chance(LATE_CHANCE) ? random.int(1, 20) : 0);
                if (random.chance(LOST_CHANCE)) {
                  status = 'LOST';
                  fineCents = random.pick(LOST_FINE_CENTS);
                } else if (returnOn > AS_OF_DAY || random.chance(NEVER_RETURNED_CHANCE)) {
                  status = dueOn < AS_OF_DAY ? 'OVERDUE' : 'BORROWED';
                } else {
                  status = 'RETURNED';
                  returnedAt = deskInstant(random, returnOn);
                  if (returnOn > dueOn) fineCents = (returnOn - dueOn) * FINE_PER_DAY_CENTS;
                }
                yield copyRow([
                  copyInt(++id),
                  copyInt(school.firstBookId + random.int(0, school.bookCount - 1)),
                  student.id,
                  copyTimestamp(borrowedAt),
                  copyDate(dueOn),
                  copyTimestamp(returnedAt),
                  status,
                  copyCents(fineCents),
                ]);
              }
            }
          }
        }
      }
    },
  };
}

export const libraryTables = { books, libraryLoans };
