import { describe, expect, it } from 'vitest';
import { namesFromParts, secondApplicant, splitFullName } from '../../src/imports/plan-names.ts';

const names = (result: ReturnType<typeof splitFullName>) =>
  result.ok ? result.applicants.map((a) => `${a.firstName} | ${a.lastName}`) : `refused: ${result.message}`;

describe('splitFullName', () => {
  it.each([
    ['Jane Smith', ['Jane | Smith']],
    ['  Jane   Smith ', ['Jane | Smith']],
    ['Smith, Jane', ['Jane | Smith']],
    ['Mary Ann Smith', ['Mary Ann | Smith']],
    ['Mrs Jane Smith', ['Jane | Smith']],
    ['Dr. Jane Smith', ['Jane | Smith']],
    ['Anna van der Berg', ['Anna | van der Berg']],
    ['Siân O’Brien', ['Siân | O’Brien']],
    ['Jane and John Smith', ['Jane | Smith', 'John | Smith']],
    ['Jane & John Smith', ['Jane | Smith', 'John | Smith']],
    ['Jane Smith and John Brown', ['Jane | Smith', 'John | Brown']],
    ['Jane Smith and John', ['Jane | Smith', 'John | Smith']],
    ['Smith, Jane and John', ['Jane | Smith', 'John | Smith']],
    ['Jane Smith-Jones', ['Jane | Smith-Jones']],
    ['Alexander Anderson', ['Alexander | Anderson']], // "and" inside a word is not a joiner
  ])('%s', (text, expected) => expect(names(splitFullName(text))).toEqual(expected));

  it.each([
    ['Smith', 'is not a first and last name'],
    ['Mr and Mrs Smith', "does not give both applicants' first names"],
    ['Jane and John', 'has no surname'],
    ['Jane, John and Ann Smith', 'could be read more than one way'],
    ['Jane, John, Ann and Bob Smith', 'more than one comma'],
    ['Jane and John and Ann Smith', 'more than two applicants'],
    ['Ann, Bob and Cy Smith, Jr', 'more than one comma'],
    [', Jane', 'missing a first name or the surname'],
    ['Jane\u202eSmith', 'special characters'],
    [`Jane ${'x'.repeat(101)}`, 'longer than 100 characters'],
  ])('refuses %s', (text, message) => expect(names(splitFullName(text))).toContain(message));
});

describe('namesFromParts and secondApplicant', () => {
  it('reads first and last name columns, and a couple sharing a surname', () => {
    expect(names(namesFromParts('Jane', 'Smith'))).toEqual(['Jane | Smith']);
    expect(names(namesFromParts('Jane & John', 'Smith'))).toEqual(['Jane | Smith', 'John | Smith']);
    expect(names(namesFromParts('', 'Smith'))).toBe('refused: The first name is blank: add it in the file');
    expect(names(namesFromParts('Jane', ''))).toBe('refused: The last name is blank: add it in the file');
  });

  it("gives a second applicant named by first name alone the first applicant's surname", () => {
    const first = { firstName: 'Jane', lastName: 'Smith' };
    expect(names(secondApplicant('John', first))).toEqual(['John | Smith']);
    expect(names(secondApplicant('John Brown', first))).toEqual(['John | Brown']);
    expect(names(secondApplicant('John and Ann Brown', first))).toContain('more than two applicants');
  });
});
