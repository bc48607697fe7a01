/**
 * Word lists for realistic, multi-cultural personal names (Latin with diacritics, Cyrillic, Han,
 * Arabic script, apostrophes, hyphens and spaces), and the picker that draws one person from them.
 * A person's given name and surname come from the same culture unless a family surname is given;
 * gendered (Slavic) surnames are inflected for women. Email local parts are ASCII-folded from the name.
 */
import type { Random } from './random';

export type Gender = 'FEMALE' | 'MALE' | 'OTHER' | 'UNDISCLOSED';

export interface PersonName {
  firstName: string;
  lastName: string;
  gender: Gender;
}

interface NameCulture {
  weight: number;
  female: readonly string[];
  male: readonly string[];
  surnames: readonly string[];
}

/** Slavic surnames take a feminine form (Иванов → Иванова, Kowalski → Kowalska); others are unchanged. */
function feminineSurname(surname: string): string {
  return /(ов|ев|ин)$/.test(surname) ? `${surname}а` : surname.replace(/([sc])ki$/, '$1ka');
}

const CULTURES: readonly NameCulture[] = [
  {
    weight: 30,
    female: ['Emma', 'Olivia', 'Zoë', 'Charlotte', 'Amelia', 'Grace', 'Chloé', 'Isabelle', 'Hannah', 'Mia', 'Ruby', 'Evie'],
    male: ['James', 'Oliver', 'Noah', 'Liam', 'Henry', 'Jack', 'Thomas', 'Samuel', 'Daniel', 'Ethan', 'Lucas', 'Leo'],
    surnames: ["O'Brien", 'Smith', 'Johnson', 'Williams', 'Brown', 'Taylor', 'Walker', "O'Connor", 'McAllister', 'Wright', 'Baker-Jones', 'Fitzgerald'],
  },
  {
    weight: 12,
    female: ['María', 'Lucía', 'Sofía', 'Martina', 'Valentina', 'Inés', 'Ana Belén', 'Camila'],
    male: ['José', 'Andrés', 'Javier', 'Mateo', 'Alejandro', 'Iñaki', 'Sebastián', 'Tomás'],
    surnames: ['García', 'Fernández', 'López', 'Martínez', 'Muñoz', 'García-López', 'de la Cruz', 'Peña', 'Ibáñez', 'Núñez'],
  },
  {
    weight: 6,
    female: ['Zofia', 'Agnieszka', 'Małgorzata', 'Katarzyna', 'Zuzanna', 'Wiktoria'],
    male: ['Łukasz', 'Paweł', 'Grzegorz', 'Jędrzej', 'Michał', 'Wojciech'],
    surnames: ['Kowalski', 'Wiśniewski', 'Wójcik', 'Nowicki', 'Zieliński', 'Szymański', 'Dąbrowski', 'Król'],
  },
  {
    weight: 7,
    female: ['Linh', 'Mai', 'Thảo', 'Hương', 'Ngọc Anh', 'Trang'],
    male: ['Minh', 'Đức', 'Huy', 'Quang', 'Tuấn', 'Bảo'],
    surnames: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Võ', 'Đặng'],
  },
  {
    weight: 5,
    female: ['Ingrid', 'Astrid', 'Freja', 'Sigrid', 'Maja', 'Ida'],
    male: ['Søren', 'Bjørn', 'Anders', 'Mikkel', 'Åke', 'Lars'],
    surnames: ['Jørgensen', 'Sørensen', 'Ødegaard', 'Lindqvist', 'Åberg', 'Nielsen', 'Holm'],
  },
  {
    weight: 5,
    female: ['Анна', 'Мария', 'Ольга', 'Екатерина', 'Наталья', 'Дарья'],
    male: ['Иван', 'Дмитрий', 'Сергей', 'Алексей', 'Никита', 'Михаил'],
    surnames: ['Иванов', 'Петров', 'Смирнов', 'Кузнецов', 'Соколов', 'Лебедев', 'Ковальчук'],
  },
  {
    weight: 5,
    female: ['静', '芳', '秀英', '丽', '婷', '雪'],
    male: ['伟', '强', '磊', '军', '洋', '浩然'],
    surnames: ['陈', '王', '李', '张', '刘', '欧阳'],
  },
  {
    weight: 6,
    female: ['فاطمة', 'مريم', 'ليلى', 'نور', 'Aisha', 'Yasmin'],
    male: ['محمد', 'أحمد', 'علي', 'Omar', 'Youssef', 'Karim'],
    surnames: ['العلي', 'حداد', 'Al-Farsi', 'El-Amin', 'Haddad', 'Nasser'],
  },
  {
    weight: 8,
    female: ['Priya', 'Ananya', 'Aadhya', 'Diya', 'Kavya', 'Saanvi'],
    male: ['Arjun', 'Vihaan', 'Aarav', 'Rohan', 'Ishaan', 'Kabir'],
    surnames: ['Sharma', 'Patel', 'Iyer', 'Reddy', 'Gupta', 'Nair', 'Chatterjee'],
  },
  {
    weight: 6,
    female: ['Chiamaka', 'Adaeze', 'Folake', 'Amara', 'Ngozi', 'Zainab'],
    male: ['Chinedu', 'Oluwaseun', 'Emeka', 'Tunde', 'Obinna', 'Kwame'],
    surnames: ['Okafor', 'Adeyemi', 'Okonkwo', 'Balogun', 'Mensah', 'Eze'],
  },
  {
    weight: 5,
    female: ['Léa', 'Manon', 'Élodie', 'Anaïs', 'Hélène', 'Noémie'],
    male: ['François', 'Benoît', 'Jérôme', 'Loïc', 'Rémi', 'Théo'],
    surnames: ['Dubois', 'Lefèvre', 'Moreau', 'Girard', "D'Arcy", 'Le Goff', 'Bérenger'],
  },
  {
    weight: 5,
    female: ['Jülide', 'Lena', 'Müge', 'Gülşen', 'Jana', 'Lea'],
    male: ['Jürgen', 'Felix', 'Çağan', 'Maximilian', 'Ömer', 'Lukas'],
    surnames: ['Müller', 'Schröder', 'Öztürk', 'Yılmaz', 'Weiß', 'von Bülow', 'Çelik'],
  },
];

const CULTURE_WEIGHTS = CULTURES.map((_, index) => [index, CULTURES[index]!.weight] as const);
const GENDER_WEIGHTS = [
  ['FEMALE', 48],
  ['MALE', 48],
  ['OTHER', 2],
  ['UNDISCLOSED', 2],
] as const;

/** Relatives share a culture and a surname (in its base, masculine form). */
export interface Family {
  culture: number;
  surname: string;
}

export function randomFamily(random: Random): Family {
  const culture = random.weighted(CULTURE_WEIGHTS);
  return { culture, surname: random.pick(CULTURES[culture]!.surnames) };
}

/** The family of a known surname (its culture looked up), or a random culture when it is unknown. */
export function familyWithSurname(random: Random, surname: string): Family {
  const culture = CULTURES.findIndex((c) => c.surnames.includes(surname));
  return { culture: culture >= 0 ? culture : randomFamily(random).culture, surname };
}

/** Draws a person, from `family` when given (its culture and surname), else from a random culture. */
export function randomPerson(random: Random, options: { gender?: Gender; family?: Family } = {}): PersonName {
  const gender = options.gender ?? random.weighted(GENDER_WEIGHTS);
  const family = options.family ?? randomFamily(random);
  const culture = CULTURES[family.culture]!;
  const female = gender === 'FEMALE' || (gender !== 'MALE' && random.chance(0.5));
  const firstName = random.pick(female ? culture.female : culture.male);
  return { firstName, lastName: female ? feminineSurname(family.surname) : family.surname, gender };
}

/** ASCII letters of a name, lower case; '' for names in non-Latin scripts. */
function asciiFold(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .replace(/[øØ]/g, 'o')
    .replace(/ß/g, 'ss')
    .replace(/ı/g, 'i')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** `first.last` folded to ASCII, or `fallback` when the name has no Latin letters. */
export function emailLocalPart(person: PersonName, fallback: string): string {
  const parts = [asciiFold(person.firstName), asciiFold(person.lastName)].filter((part) => part.length > 0);
  return parts.length > 0 ? parts.join('.') : fallback;
}

/**
 * Names given, in this order, to the first students of the first school, so that every scale
 * (the demo one included) carries each kind of non-ASCII name the app must survive.
 */
export const SHOWCASE_NAMES: readonly PersonName[] = [
  { firstName: 'Zoë', lastName: "O'Brien", gender: 'FEMALE' },
  { firstName: 'Łukasz', lastName: 'Wiśniewski', gender: 'MALE' },
  { firstName: 'Linh', lastName: 'Nguyễn', gender: 'FEMALE' },
  { firstName: 'Søren', lastName: 'Jørgensen', gender: 'MALE' },
  { firstName: 'José', lastName: 'García-López', gender: 'MALE' },
  { firstName: 'Анна', lastName: 'Ковальчук', gender: 'FEMALE' },
  { firstName: '静', lastName: '陈', gender: 'FEMALE' },
  { firstName: 'محمد', lastName: 'العلي', gender: 'MALE' },
];
