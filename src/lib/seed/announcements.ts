/**
 * Rows of Announcement: multi-paragraph bodies (blank lines, tabbed bullet lists, quotes, emoji),
 * `audience` as an enum array (one with no audience yet: `{}`), drafts without `publishedAt`, and
 * JSON attachments: none, a small file list, or, on the first few of each school, a 10-50 KB
 * spreadsheet export. The first announcement of the first school has a fixed body for tests.
 */
import { AS_OF_DAY, instant } from './calendar';
import { copyArray, copyBool, copyInt, copyJson, copyRow, copyText, copyTimestamp } from './copy-writer';
import type { Random } from './random';
import type { Role } from './roster';
import type { SeedContext, TableSource } from './table-source';

export const SHOWCASE_ANNOUNCEMENT_BODY =
  'Dear families,\n\nThe "Winter Concert" takes place on Friday at 18:00 in the main hall.\n\n' +
  'Please bring:\n\t• a warm coat\n\t• a signed permission slip\n\n' +
  'Photos will be shared at \\\\fileserver\\events\\winter (staff only).\r\nMerci · Gracias · Dziękujemy · 谢谢 · شكرا 🎶';

const LARGE_ATTACHMENT_MIN_BYTES = 10_000;
const LARGE_ATTACHMENT_MAX_BYTES = 50_000;
const SMALL_ATTACHMENT_CHANCE = 0.3;
const DRAFT_CHANCE = 0.1;
const PINNED_CHANCE = 0.1;
const WRITING_FIRST_HOUR = 7;
const WRITING_HOURS = 13;
const PUBLISH_DELAY_MIN_MS = 60_000;
const PUBLISH_DELAY_MAX_MS = 12 * 3_600_000;
const FILE_MIN_BYTES = 2_000;
const FILE_MAX_BYTES = 4_000_000;

const AUDIENCES: readonly (readonly [readonly Role[], number])[] = [
  [['STUDENT', 'PARENT'], 40],
  [['PARENT'], 20],
  [['TEACHER', 'STAFF'], 15],
  [['ADMIN', 'TEACHER', 'STUDENT', 'PARENT', 'STAFF'], 20],
  [[], 5],
];
const TITLES = [
  'Parent–teacher conferences',
  'Sports day 🏃‍♀️',
  'Term exam timetable',
  'Library week: "Read for fun"',
  'Bus route changes — Route 5',
  "Fête de fin d'année",
  'Lost & found',
  'Flu season reminder',
  'Día de la Hispanidad celebrations',
  'Staff meeting {agenda inside}',
] as const;
const PARAGRAPHS = [
  'Please read the attached schedule carefully and contact the office with any questions.',
  'Students should arrive by 08:15.\nLate arrivals must sign in at reception.',
  'Reminder:\n\t1. Label all uniforms\n\t2. Bring a water bottle\n\t3. No nuts, please',
  'Parents are welcome to join us — coffee will be served in the "Blue Room".',
  'Les parents sont invités à confirmer leur présence avant vendredi.',
  'Forms can be downloaded from the portal or collected at C:\\Users\\office\\forms (printed copies at reception).',
  'Thank you for your continued support! 🙏',
] as const;
const FILE_KINDS = [
  ['permission-slip.pdf', 'application/pdf'],
  ['menu_week 12.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['photo "sports day".jpg', 'image/jpeg'],
  ['horaire-révisé.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
] as const;

function body(random: Random): string {
  const count = random.int(1, 4);
  const paragraphs: string[] = [];
  for (let i = 0; i < count; i++) paragraphs.push(random.pick(PARAGRAPHS));
  return paragraphs.join('\n\n');
}

function smallAttachments(random: Random, domain: string): unknown[] {
  return Array.from({ length: random.int(1, 3) }, () => {
    const [name, mime] = random.pick(FILE_KINDS);
    return { name, mime, sizeBytes: random.int(FILE_MIN_BYTES, FILE_MAX_BYTES), url: `https://files.${domain}/a/${random.cuid()}` };
  });
}

/** An exported spreadsheet (exam timetable) whose JSON text is about `targetBytes` long. */
function largeAttachment(random: Random, targetBytes: number): unknown {
  const rows: unknown[][] = [];
  const sheet = { name: 'Exam timetable — all grades', columns: ['date', 'grade', 'section', 'subject', 'room', 'invigilator', 'notes'], rows };
  let size = JSON.stringify(sheet).length;
  while (size < targetBytes) {
    const row = [
      `2026-06-${String(random.int(1, 26)).padStart(2, '0')}`,
      random.int(1, 12),
      String.fromCharCode(65 + random.int(0, 5)),
      random.pick(['Mathematics', 'Science', 'English', 'Français', 'Computing']),
      `Hall ${random.int(1, 4)}`,
      random.pick(['Ms. Nguyễn', 'Mr. O\'Brien', 'Dr. Kowalska', 'Mme Lefèvre']),
      random.chance(0.2) ? 'Bring a calculator;\nno phones' : null,
    ];
    rows.push(row);
    size += JSON.stringify(row).length + 1;
  }
  return { kind: 'spreadsheet', generator: 'School ERP export 2.4', sheets: [sheet] };
}

function announcements(context: SeedContext): TableSource {
  const { announcementsPerSchool, largeAttachmentsPerSchool } = context.roster.scale;
  return {
    table: 'Announcement',
    columns: ['id', 'schoolId', 'authorId', 'title', 'body', 'audience', 'pinned', 'attachments', 'publishedAt', 'createdAt'],
    *rows() {
      const random = context.random('Announcement');
      let id = 0;
      for (const school of context.roster.schools) {
        const historyStart = school.years[0]!.start;
        for (let i = 0; i < announcementsPerSchool; i++) {
          const createdAt = instant(random.int(historyStart, AS_OF_DAY - 1), WRITING_FIRST_HOUR + random.int(0, WRITING_HOURS - 1), random.int(0, 59), random.int(0, 59), random.int(0, 999));
          const draft = random.chance(DRAFT_CHANCE);
          const attachments =
            i < largeAttachmentsPerSchool
              ? largeAttachment(random, random.int(LARGE_ATTACHMENT_MIN_BYTES, LARGE_ATTACHMENT_MAX_BYTES))
              : random.chance(SMALL_ATTACHMENT_CHANCE) ? smallAttachments(random, school.identity.domain) : null;
          const showcase = school.index === 0 && i === 0;
          yield copyRow([
            copyInt(++id),
            copyInt(school.id),
            random.pick(school.authorUserIds),
            copyText(random.pick(TITLES)),
            copyText(showcase ? SHOWCASE_ANNOUNCEMENT_BODY : body(random)),
            copyArray(random.weighted(AUDIENCES)),
            copyBool(random.chance(PINNED_CHANCE)),
            copyJson(attachments),
            copyTimestamp(draft && !showcase ? null : createdAt + random.int(PUBLISH_DELAY_MIN_MS, PUBLISH_DELAY_MAX_MS)),
            copyTimestamp(createdAt),
          ]);
        }
      }
    },
  };
}

export const announcementTables = { announcements };
