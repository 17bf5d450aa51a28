import type { EqualityAnswers } from './equality.table.ts';

const preferNot = { prefer_not: 'Prefer not to say' };

/**
 * Equality monitoring questions covering the nine protected characteristics, with ethnicity in
 * the Census 2021 categories. Every question is optional and has "Prefer not to say".
 */
export const equalityQuestions: Record<
  keyof EqualityAnswers,
  { question: string; options: Record<string, string> }
> = {
  ageBand: {
    question: 'What is your age?',
    options: {
      '18_24': '18 to 24',
      '25_34': '25 to 34',
      '35_44': '35 to 44',
      '45_54': '45 to 54',
      '55_64': '55 to 64',
      '65_plus': '65 or over',
      ...preferNot,
    },
  },
  sex: { question: 'What is your sex?', options: { female: 'Female', male: 'Male', ...preferNot } },
  genderSameAsBirth: {
    question: 'Is the gender you identify with the same as your sex registered at birth?',
    options: { yes: 'Yes', no: 'No', ...preferNot },
  },
  sexualOrientation: {
    question: 'Which of the following best describes your sexual orientation?',
    options: {
      straight: 'Straight or heterosexual',
      gay_lesbian: 'Gay or lesbian',
      bisexual: 'Bisexual',
      other: 'Another sexual orientation',
      ...preferNot,
    },
  },
  ethnicity: {
    question: 'What is your ethnic group?',
    options: {
      white_british: 'White: English, Welsh, Scottish, Northern Irish or British',
      white_irish: 'White: Irish',
      white_gypsy_traveller: 'White: Gypsy or Irish Traveller',
      white_roma: 'White: Roma',
      white_other: 'White: any other White background',
      mixed_white_black_caribbean: 'Mixed: White and Black Caribbean',
      mixed_white_black_african: 'Mixed: White and Black African',
      mixed_white_asian: 'Mixed: White and Asian',
      mixed_other: 'Mixed: any other mixed or multiple ethnic background',
      asian_indian: 'Asian or Asian British: Indian',
      asian_pakistani: 'Asian or Asian British: Pakistani',
      asian_bangladeshi: 'Asian or Asian British: Bangladeshi',
      asian_chinese: 'Asian or Asian British: Chinese',
      asian_other: 'Asian or Asian British: any other Asian background',
      black_african: 'Black, Black British, Caribbean or African: African',
      black_caribbean: 'Black, Black British, Caribbean or African: Caribbean',
      black_other: 'Black, Black British, Caribbean or African: any other background',
      arab: 'Other ethnic group: Arab',
      other: 'Other ethnic group: any other ethnic group',
      ...preferNot,
    },
  },
  religion: {
    question: 'What is your religion?',
    options: {
      none: 'No religion',
      christian: 'Christian',
      buddhist: 'Buddhist',
      hindu: 'Hindu',
      jewish: 'Jewish',
      muslim: 'Muslim',
      sikh: 'Sikh',
      other: 'Any other religion',
      ...preferNot,
    },
  },
  disability: {
    question:
      'Do you have a physical or mental health condition or illness lasting, or expected to last, 12 months or more?',
    options: { yes: 'Yes', no: 'No', ...preferNot },
  },
  maritalStatus: {
    question: 'What is your legal marital or registered civil partnership status?',
    options: {
      single: 'Never married and never registered a civil partnership',
      married: 'Married',
      civil_partnership: 'In a registered civil partnership',
      separated: 'Separated',
      divorced: 'Divorced or civil partnership dissolved',
      widowed: 'Widowed or surviving civil partner',
      ...preferNot,
    },
  },
  pregnancy: {
    question: 'Are you pregnant, or have you given birth in the last 26 weeks?',
    options: { yes: 'Yes', no: 'No', ...preferNot },
  },
  language: {
    question: 'What is your main language?',
    options: {
      english: 'English',
      welsh: 'Welsh',
      other: 'Another language',
      british_sign_language: 'British Sign Language',
      ...preferNot,
    },
  },
};

export const equalityKeys = Object.keys(equalityQuestions) as (keyof EqualityAnswers)[];

/** Counts below this are shown as "fewer than 5" so that nobody can be picked out. */
export const SMALL_NUMBER = 5;
