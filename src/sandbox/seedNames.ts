// Organization names for the seeded data: every first letter a tree can group by (A–Z, 0–9,
// accented and non-Latin), plus hostile names that prove the UI escapes what it shows.
import { Rng } from './prng';

const SYLLABLES = ['ar', 'be', 'lo', 'ni', 'ta', 've', 'ro', 'mi', 'ka', 'su', 'den', 'tor', 'ix', 'ly', 'ga'];
const SUFFIXES = ['Tech', 'Technologies', 'Logistics', 'Labs', 'Group', 'Holdings', 'GmbH', 'Ltd', 'Inc.',
  'AB', 'Oy', 'Partners', 'Consulting', 'Foods', 'Energy', 'Systems', 'Media', 'Studio', 'Freight', 'Bank'];
const LATIN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Whole names whose first letter is not plain Latin. */
const SPECIAL_STARTS: Record<string, readonly string[]> = {
  'É': ['École Moderne', 'Éclat Design', 'Élan Vital SA'],
  'Ö': ['Östra Verken', 'Ökologik', 'Örebro Bygg'],
  'Å': ['Åbo Marin', 'Ångström Optics', 'Århus Havn'],
  'Ж': ['Жемчуг Трейд', 'Жар-Птица', 'Живая Вода'],
  '東': ['東京テック', '東洋物産', '東方電機'],
  'ש': ['שלום סחר', 'שמש אנרגיה', 'שקד מזון'],
  'ا': ['الأمل للتجارة', 'النور للتقنية'],
};

/** A plausible company name; the first character is drawn across all groups the tree shows. */
export function orgName(r: Rng): string {
  const roll = r.next();
  if (roll < 0.08) {
    const d = r.int(0, 9);
    return `${d}${r.int(0, 99)} ${cap(word(r))} ${r.pick(SUFFIXES)}`;
  }
  if (roll < 0.16) {
    const first = r.pick(Object.keys(SPECIAL_STARTS));
    return `${r.pick(SPECIAL_STARTS[first])} ${r.int(2, 99)}`;
  }
  const letter = LATIN[r.int(0, LATIN.length - 1)];
  return `${letter}${word(r)} ${r.pick(SUFFIXES)}`;
}

function word(r: Rng): string {
  let w = '';
  const n = r.int(1, 3);
  for (let i = 0; i < n; i++) w += r.pick(SYLLABLES);
  return w;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const FIRST = ['Anna', 'Ben', 'Carla', 'Dmitri', 'Eve', 'Fatima', 'Goran', 'Hana', 'Igor', 'Júlia', 'Kofi',
  'Lena', 'Mateo', 'Noor', 'Oskar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tomoko', 'Uma', 'Viktor', 'Wen', 'Zoë'];
const LAST = ['Andersen', 'Bauer', 'Costa', 'Dubois', 'Eriksson', 'Fischer', 'García', 'Horvat', 'Ito',
  'Jansen', 'Kowalski', 'López', 'Murphy', 'Nakamura', 'Okoye', 'Petrova', 'Rossi', 'Schmidt', 'Weiß'];

export function personName(r: Rng): { first: string; last: string } {
  return { first: r.pick(FIRST), last: r.pick(LAST) };
}

export const CITIES = [
  { locality: 'Tallinn', country: 'Estonia', area1: 'Harju maakond', postal: '10615', route: 'Mustamäe tee' },
  { locality: 'Berlin', country: 'Germany', area1: 'Berlin', postal: '10115', route: 'Invalidenstraße' },
  { locality: 'Lisbon', country: 'Portugal', area1: 'Lisboa', postal: '1100-148', route: 'Rua Augusta' },
  { locality: 'New York', country: 'USA', area1: 'NY', postal: '10001', route: 'Broadway' },
  { locality: 'São Paulo', country: 'Brazil', area1: 'SP', postal: '01310-100', route: 'Avenida Paulista' },
  { locality: 'Tokyo', country: 'Japan', area1: 'Tokyo', postal: '100-0005', route: 'Marunouchi' },
  { locality: 'Tel Aviv', country: 'Israel', area1: 'Tel Aviv', postal: '6100000', route: 'Rothschild Blvd' },
  { locality: 'Stockholm', country: 'Sweden', area1: 'Stockholm', postal: '111 22', route: 'Drottninggatan' },
];

export const LONG_NAME =
  'The Extraordinarily Long-Named International Consortium of Cooperative Manufacturers, Distributors, ' +
  'Wholesalers, Retailers, Importers and Exporters of Fine Handcrafted Goods, Precision Instruments and ' +
  'Assorted Sundries for the Discerning Customer in Every Region of the Known World, Incorporated (Holdings) ' +
  'Limited Liability Partnership';
