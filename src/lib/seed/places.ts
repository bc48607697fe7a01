/**
 * Word lists for places: the generated schools (name, city, time zone, e-mail domain) and postal
 * addresses for students and guardians, with non-ASCII street and city names.
 */
import type { Random } from './random';

export interface SchoolIdentity {
  name: string;
  city: string;
  country: string;
  timeZone: string;
  domain: string;
}

/** One entry per school of the largest scale; schools beyond the list reuse it with a campus number. */
const SCHOOL_IDENTITIES: readonly SchoolIdentity[] = [
  { name: 'Riverside International School', city: 'London', country: 'GB', timeZone: 'Europe/London', domain: 'riverside.school.test' },
  { name: 'École Internationale Saint-Exupéry', city: 'Lyon', country: 'FR', timeZone: 'Europe/Paris', domain: 'saint-exupery.school.test' },
  { name: 'Colegio San José de Calasanz', city: 'Sevilla', country: 'ES', timeZone: 'Europe/Madrid', domain: 'sanjose.school.test' },
  { name: 'Szkoła Podstawowa im. Marii Skłodowskiej-Curie', city: 'Kraków', country: 'PL', timeZone: 'Europe/Warsaw', domain: 'sp-curie.school.test' },
  { name: 'Lakeside Academy', city: 'Toronto', country: 'CA', timeZone: 'America/Toronto', domain: 'lakeside.school.test' },
  { name: 'Trường Quốc tế Hà Nội', city: 'Hà Nội', country: 'VN', timeZone: 'Asia/Ho_Chi_Minh', domain: 'hanoi-intl.school.test' },
  { name: 'Københavns Internationale Skole', city: 'København', country: 'DK', timeZone: 'Europe/Copenhagen', domain: 'kis.school.test' },
  { name: 'Greenfield Public School', city: 'Bengaluru', country: 'IN', timeZone: 'Asia/Kolkata', domain: 'greenfield.school.test' },
  { name: 'Sunrise Community College', city: 'Lagos', country: 'NG', timeZone: 'Africa/Lagos', domain: 'sunrise.school.test' },
  { name: 'Al-Noor Bilingual School', city: 'Dubai', country: 'AE', timeZone: 'Asia/Dubai', domain: 'alnoor.school.test' },
];

const STREETS = [
  'High Street', 'Rue de la Paix', 'Calle Mayor', 'ulica Świętokrzyska', 'Phố Hàng Bạc', 'Nørrebrogade',
  'Marine Drive', 'Allen Avenue', 'Sheikh Zayed Rd', 'Queen St W', 'Königsallee', "Saint Mary's Road",
] as const;
const DISTRICTS = ['Old Town', 'Westside', 'Hillcrest', 'Riverside', 'Le Marais', 'Østerbro', 'Śródmieście', 'Ba Đình'] as const;
const CITIES = [
  { city: 'Zürich', country: 'CH' },
  { city: 'São Paulo', country: 'BR' },
  { city: 'Kraków', country: 'PL' },
  { city: 'København', country: 'DK' },
  { city: 'Hà Nội', country: 'VN' },
  { city: 'Montréal', country: 'CA' },
  { city: 'London', country: 'GB' },
  { city: 'Lagos', country: 'NG' },
] as const;
const UNIT_LABELS = ['Apt', 'Flat', 'Unit', 'Suite'] as const;

export function schoolIdentity(index: number): SchoolIdentity {
  const base = SCHOOL_IDENTITIES[index % SCHOOL_IDENTITIES.length]!;
  const campus = Math.floor(index / SCHOOL_IDENTITIES.length);
  if (campus === 0) return base;
  return { ...base, name: `${base.name} (Campus ${campus + 1})`, domain: `campus${campus + 1}.${base.domain}` };
}

/** A postal address as the app stores it in JSON columns. */
export function randomAddress(random: Random): Record<string, unknown> {
  const place = random.pick(CITIES);
  const address: Record<string, unknown> = {
    line1: `${random.int(1, 240)} ${random.pick(STREETS)}`,
    city: place.city,
    postalCode: String(random.int(10000, 99999)),
    country: place.country,
  };
  if (random.chance(0.3)) address.line2 = `${random.pick(UNIT_LABELS)} ${random.int(1, 40)}`;
  if (random.chance(0.5)) address.district = random.pick(DISTRICTS);
  if (random.chance(0.2)) address.geo = { lat: random.int(-90_000, 90_000) / 1000, lng: random.int(-180_000, 180_000) / 1000 };
  return address;
}

export function phoneNumber(random: Random): string {
  return `+${random.int(1, 99)} ${random.int(100, 999)} ${random.int(100, 999)} ${random.int(1000, 9999)}`;
}
