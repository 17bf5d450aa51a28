import type { Random } from './tracker-history.ts';

/** The people of a synthetic tracker: names with accents and apostrophes, postcodes, contact details as typed. */

const firstNames = [
  'Aisha',
  'Ben',
  'Chloé',
  'David',
  'Emma',
  'Fatima',
  'George',
  'Hannah',
  'Imran',
  'Jade',
  'Karen',
  'Liam',
  'Mohammed',
  'Niamh',
  'Olivia',
  'Priya',
  'Renée',
  'Siân',
  'Tom',
  'Zoë',
  'Björn',
  'José',
  'Grace',
  'Kwame',
];
const lastNames = [
  'Smith',
  'O’Brien',
  "O'Neill",
  'Patel',
  'Jones',
  'Nowak',
  'Khan',
  'Williams',
  'Brown',
  'D’Souza',
  'Taylor',
  'Ó Súilleabháin',
  'Evans',
  'Müller',
  'Hughes',
  'Smith-Jones',
  'Ahmed',
  'Clarke',
  'Lefèvre',
  'Walker',
];
const areas = ['CM1', 'CM2', 'CM7', 'SS1', 'SS14', 'CO4', 'RM12', 'CB10', 'IG10'];

export interface Person {
  name: string;
  postcode: string;
  email: string;
  phone: string;
}

export function person(random: Random): Person {
  const first = random.pick(firstNames);
  const last = random.pick(lastNames);
  const plain = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase();
  const shape = random.next();
  const name =
    shape < 0.85
      ? `${first} ${last}`
      : shape < 0.93
        ? `${first} ${last} `
        : `${first.toLowerCase()} ${last.toLowerCase()}`;
  const letters = 'ABDEFGHJLNPQRSTUWXYZ';
  const inward = `${random.int(1, 9)}${random.pick([...letters])}${random.pick([...letters])}`;
  const area = random.pick(areas);
  const postcode = random.pick([
    `${area} ${inward}`,
    `${area} ${inward}`,
    `${area}${inward}`,
    `${area} ${inward}`.toLowerCase(),
    `${area} ${inward} `,
  ]);
  const email = random.chance(0.25)
    ? ''
    : `${plain(first)}.${plain(last)}${random.int(1, 999)}@example.${random.pick(['com', 'co.uk', 'org'])}`;
  const digits = String(random.int(100000, 999999));
  const phone = random.chance(0.2)
    ? ''
    : random.pick([`07700 ${digits}`, `+44 7700 ${digits}`, `07700${digits}`]);
  return { name, postcode, email: random.chance(0.1) ? email.toUpperCase() : email, phone };
}
