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
const areas = [
  'CM1',
  'CM2',
  'CM7',
  'CM11',
  'CM20',
  'SS1',
  'SS14',
  'SS7',
  'CO4',
  'CO15',
  'RM12',
  'RM16',
  'CB10',
  'CB11',
  'IG10',
  'EN9',
  'SG8',
  'CM77',
];

export interface Person {
  name: string;
  postcode: string;
  email: string;
  phone: string;
}

// Ofcom's numbers for drama and examples (never anyone's), as E.164 without +44: 20 ranges of 1,000.
const dramaRanges = [
  '7700900',
  '1632960',
  '2079460',
  '1134960',
  '1144960',
  '1154960',
  '1164960',
  '1174960',
  '1184960',
  '1214960',
  '1314960',
  '1414960',
  '1514960',
  '1614960',
  '1914980',
  '2896496',
  '2920180',
  '8081570',
  '9098790',
  '3069990',
];
const inwardLetters = 'ABDEFGHJLNPQRSTUWXYZ';

/**
 * The `index`th person of a tracker. Email, phone and postcode are unique per index (up to 20,000
 * phones, after which the phone is left blank, and 64,800 postcodes), so the only likely duplicates
 * in a generated tracker are the repeats it makes on purpose; only the way they are typed is random.
 */
export function person(random: Random, index: number): Person {
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
  const pair = Math.floor(index / (areas.length * 9)) % (inwardLetters.length * inwardLetters.length);
  const inward = `${(Math.floor(index / areas.length) % 9) + 1}${inwardLetters[Math.floor(pair / inwardLetters.length)]}${inwardLetters[pair % inwardLetters.length]}`;
  const area = areas[index % areas.length]!;
  const postcode = random.pick([
    `${area} ${inward}`,
    `${area} ${inward}`,
    `${area}${inward}`,
    `${area} ${inward}`.toLowerCase(),
    `${area} ${inward} `,
  ]);
  const email = random.chance(0.25)
    ? ''
    : `${plain(first)}.${plain(last)}${index}@example.${random.pick(['com', 'co.uk', 'org'])}`;
  const digits = `${dramaRanges[index % dramaRanges.length]}${String(Math.floor(index / dramaRanges.length) % 1000).padStart(3, '0')}`;
  const phone =
    random.chance(0.2) || index >= dramaRanges.length * 1000
      ? ''
      : random.pick([
          `0${digits.slice(0, 4)} ${digits.slice(4)}`,
          `+44 ${digits.slice(0, 4)} ${digits.slice(4)}`,
          `0${digits}`,
        ]);
  return { name, postcode, email: random.chance(0.1) ? email.toUpperCase() : email, phone };
}
