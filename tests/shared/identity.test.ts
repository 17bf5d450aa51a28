import { describe, expect, it } from 'vitest';
import { optionalPhone, postcode } from '../../src/shared/fields.ts';
import {
  emailKey,
  looseNameKey,
  nameKey,
  normaliseName,
  normalisePostcode,
  parsePhone,
  personKeys,
  phoneKey,
} from '../../src/shared/identity.ts';

const composed = 'Lef\u00e8vre'; // è as one code point (U+00E8)
const decomposed = 'Lefe\u0300vre'; // e + COMBINING GRAVE ACCENT (U+0300)

describe('name keys', () => {
  it('makes one canonical spelling: NFC, one apostrophe, one hyphen, single spaces', () => {
    expect(normaliseName('O\u2019Brien')).toBe("O'Brien");
    for (const apostrophe of ['\u2019', '\u2018', '\u02BC', '`', '\u00B4'])
      expect(normaliseName(`O${apostrophe}Brien`)).toBe("O'Brien");
    for (const dash of ['\u2010', '\u2011', '\u2013', '\u2014'])
      expect(normaliseName(`Smith${dash}Jones`)).toBe('Smith-Jones');
    expect(normaliseName(decomposed)).toBe(composed);
    expect(normaliseName(decomposed)).toHaveLength(7);
    expect(normaliseName('  Mary \u00A0 Ann\tLee ')).toBe('Mary Ann Lee');
  });

  it('folds case: "O’BRIEN" and "o\'brien" are the same name; ß folds to ss', () => {
    expect(nameKey('O\u2019BRIEN')).toBe(nameKey("o'brien"));
    expect(nameKey("O'Brien")).toBe("o'brien");
    expect(nameKey('Strauß')).toBe(nameKey('STRAUSS'));
    expect(nameKey(decomposed)).toBe(nameKey(composed));
    // The strict key keeps accents: Lefèvre and Lefevre are different spellings.
    expect(nameKey(composed)).not.toBe(nameKey('Lefevre'));
  });

  it('loose key (likely duplicates and search) ignores accents and punctuation', () => {
    expect(looseNameKey("O'Brien")).toBe('obrien');
    expect(looseNameKey('O\u2019Brien')).toBe('obrien');
    expect(looseNameKey('OBrien')).toBe('obrien');
    expect(looseNameKey(composed)).toBe('lefevre');
    expect(looseNameKey(decomposed)).toBe('lefevre');
    expect(looseNameKey('LEFEVRE')).toBe('lefevre');
    expect(looseNameKey('Smith\u2013Jones')).toBe('smith jones');
    expect(looseNameKey('Søren Ødegård')).toBe('soren odegard');
    expect(looseNameKey('Łukasz Żółć')).toBe('lukasz zolc');
    expect(looseNameKey('  Siân   Llŷr ')).toBe('sian llyr');
  });
});

describe('email keys', () => {
  it('compares case-insensitively and trimmed', () => {
    expect(emailKey('  Ann.Smith@Example.COM ')).toBe('ann.smith@example.com');
    expect(emailKey('ann.smith@example.com')).toBe(emailKey('ANN.SMITH@EXAMPLE.COM'));
  });
});

describe('phone keys (libphonenumber rules, GB by default, E.164)', () => {
  it('makes 016977 3456 and +44 16977 3456 the same number', () => {
    expect(phoneKey('016977 3456')).toBe('+44169773456');
    expect(phoneKey('+44 16977 3456')).toBe('+44169773456');
    expect(phoneKey('(016977) 3456')).toBe('+44169773456');
    // The old key ("last ten digits") told these apart: 0169773456 vs 4169773456.
    expect(phoneKey('016977 3456')).toBe(phoneKey('+44 16977 3456'));
  });

  it('keys national, international and 0044 forms alike', () => {
    expect(phoneKey('07911 123456')).toBe('+447911123456');
    expect(phoneKey('+44 (0)7911 123456')).toBe('+447911123456');
    expect(phoneKey('00 44 7911 123456')).toBe('+447911123456');
    expect(phoneKey('+33 1 23 45 67 89')).toBe('+33123456789');
    expect(phoneKey('020 7946 0000')).not.toBe(phoneKey('020 7946 0001'));
  });

  it('gives no key to something that is not a phone number', () => {
    expect(phoneKey('123')).toBeNull();
    expect(phoneKey('')).toBeNull();
    expect(phoneKey(null)).toBeNull();
  });

  it('validates with the full metadata, accepting Ofcom drama numbers used in hints', () => {
    expect(parsePhone('016977 3456')?.valid).toBe(true);
    expect(parsePhone('07700 900982')?.valid).toBe(true);
    expect(parsePhone('01632 960 001')?.valid).toBe(true);
    expect(parsePhone('+44 808 157 0192')?.valid).toBe(true);
    // 07700 9xxxxx outside Ofcom's block is not allocated: possible length, not valid.
    expect(parsePhone('07700 912345')?.valid).toBe(false);
    expect(parsePhone('01234 56789 0')?.valid).toBe(true);
    expect(parsePhone('+44 20 7946 000')?.valid ?? false).toBe(false);
  });

  it('the phone field refuses an impossible number with a clear message and never rewrites it', () => {
    const bad = optionalPhone.safeParse('07700 912345');
    expect(bad.success).toBe(false);
    expect(bad.error!.issues).toHaveLength(1);
    expect(bad.error!.issues[0]!.message).toMatch(/^Enter a real phone number/);
    expect(optionalPhone.safeParse('+44 16977 3456').data).toBe('+44 16977 3456');
    expect(optionalPhone.safeParse(' 016977 3456 ').data).toBe('016977 3456');
    expect(optionalPhone.safeParse('call me').error!.issues).toHaveLength(1);
  });
});

describe('postcodes and BFPO', () => {
  it('normalises UK postcodes and BFPO numbers', () => {
    expect(normalisePostcode('nr13qu')).toBe('NR1 3QU');
    expect(normalisePostcode(' sw1a  1aa ')).toBe('SW1A 1AA');
    expect(normalisePostcode('BFPO 1234')).toBe('BFPO 1234');
    expect(normalisePostcode('bfpo1234')).toBe('BFPO 1234');
    expect(normalisePostcode('BFPO 012')).toBe('BFPO 12');
    expect(normalisePostcode('BFPO')).toBeUndefined();
    expect(normalisePostcode('BFPO 12345')).toBeUndefined();
    expect(normalisePostcode('NR1')).toBeUndefined();
  });

  it('the postcode field accepts BFPO addresses for forces families', () => {
    expect(postcode.parse('bfpo 57')).toBe('BFPO 57');
    expect(postcode.parse('nr1 3qu')).toBe('NR1 3QU');
    const bad = postcode.safeParse('BFPO ABC');
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toContain('BFPO 1234');
  });
});

describe('personKeys', () => {
  it('gives the keys stored on a person', () => {
    expect(
      personKeys({ firstName: 'Siobhán', lastName: 'O\u2019Brien', email: ' S@X.org', phone: '016977 3456' }),
    ).toEqual({
      emailKey: 's@x.org',
      phoneE164: '+44169773456',
      lastNameKey: 'obrien',
      nameKey: 'siobhan obrien',
    });
  });
});
