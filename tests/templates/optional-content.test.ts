import { describe, expect, it } from 'vitest';
import { defaultTemplates, templateKeys } from '../../src/templates/defaults.ts';
import {
  placeholders,
  render,
  unknownPlaceholderMessage,
  unknownPlaceholders,
  type PlaceholderValues,
} from '../../src/templates/render.ts';
import { sampleValues } from '../../src/templates/templates.service.ts';

/** Faults of a sentence built from a missing value: " .", "on .", "Dear ,", doubled words, leftovers. */
function faults(text: string) {
  const found: string[] = [];
  if (/\s[.,;:!?]/.test(text)) found.push('space before punctuation');
  if (/\b(on|by|at|with|from|for|to|is|and|the|a)\s*[.,:;]?\s*$/im.test(text)) found.push('sentence cut off');
  if (/\b(on|by|at|with|from|for|to|is)\s*\./i.test(text)) found.push('preposition before full stop');
  if (/\(\(|\)\)/.test(text)) found.push('unreplaced (( ))');
  if (/ {2,}/.test(text)) found.push('double space');
  if (/,\s*,|\.\s*\./.test(text)) found.push('doubled punctuation');
  const doubled = /\b(\p{L}+)\s+\1\b/giu.exec(text);
  if (doubled) found.push(`doubled word "${doubled[0]}"`);
  return found;
}

const empty: PlaceholderValues = Object.fromEntries(placeholders.map((p) => [p, '']));
const full: PlaceholderValues = {
  ...sampleValues('Northshire County Council Fostering', '2031-02-18'),
  stage: 'your assessment has started',
};

describe('optional content ((name??text))', () => {
  it('shows the text only when the value is there, filling placeholders inside it', () => {
    const body = 'Hello.((next_session_date?? Our next session is on ((next_session_date)).))';
    expect(render('s', body, { next_session_date: '4 March 2031' }).text).toBe(
      'Hello. Our next session is on 4 March 2031.',
    );
    expect(render('s', body, {}).text).toBe('Hello.');
    expect(render('s', body, { next_session_date: '   ' }).text).toBe('Hello.');
  });

  it('drops a paragraph made only of an optional part that is left out', () => {
    const body = 'Dear Sam,\n\n((next_session_date??Our next session is on ((next_session_date)).))\n\nBye';
    expect(render('s', body, {}).text).toBe('Dear Sam,\n\nBye');
    expect(render('s', body, {}).html).toBe('<p>Dear Sam,</p>\n<p>Bye</p>');
  });

  it('keeps brackets inside optional text, and works in the subject', () => {
    expect(
      render('s', '((officer_name??Call ((officer_name)) (your officer)))', { officer_name: 'Priya' }).text,
    ).toBe('Call Priya (your officer)');
    expect(render('Your place((event_title??: ((event_title))))', 'x', {}).subject).toBe('Your place');
    expect(render('Your place((event_title??: ((event_title))))', 'x', { event_title: 'Talk' }).subject).toBe(
      'Your place: Talk',
    );
  });

  it('checks the names used in optional parts, and unclosed brackets', () => {
    expect(unknownPlaceholders('((first_name??Hi ((nickname))))((shoe??x))')).toEqual(['nickname', 'shoe']);
    expect(unknownPlaceholderMessage('((next_session_date??On ((next_session_date)).))')).toBeUndefined();
    expect(unknownPlaceholderMessage('Dear ((first_name),')).toBe(
      'Close every placeholder with two brackets, like ((first_name)) or ((next_session_date??text))',
    );
  });
});

describe('every shipped template, with every value empty and every value full', () => {
  it('the check finds the faults the issue reported (so it can fail)', () => {
    expect(faults('Our next information session is on .')).toContain('preposition before full stop');
    expect(faults('Northshire County Council Fostering fostering team')).toContain(
      'doubled word "Fostering fostering"',
    );
    expect(faults('Met Met on 4 March')).toContain('doubled word "Met Met"');
    expect(faults('Dear ,')).toContain('space before punctuation');
    expect(faults('Papers are due by')).toContain('sentence cut off');
    expect(faults('Hi ((first_name))')).toContain('unreplaced (( ))');
  });

  for (const key of templateKeys) {
    const t = defaultTemplates[key];
    it(`${key}: reads as whole sentences with nothing filled in`, () => {
      const out = render(t.subject, t.body, empty);
      expect(faults(out.subject), out.subject).toEqual([]);
      expect(faults(out.text), out.text).toEqual([]);
      expect(out.subject.length).toBeGreaterThan(3);
      expect(out.text).not.toMatch(/Dear\s*,|on \.|by \./);
    });
    it(`${key}: reads as whole sentences with everything filled in`, () => {
      const out = render(t.subject, t.body, full);
      expect(faults(out.subject), out.subject).toEqual([]);
      expect(faults(out.text), out.text).toEqual([]);
      expect(out.text).not.toMatch(/Fostering fostering/i);
      for (const name of placeholders) {
        const used = new RegExp(`\\(\\(\\s*${name}\\b`).test(t.subject + t.body);
        const value = full[name];
        // A link value (the survey link) appears as its address.
        const shown = value && typeof value === 'object' ? value.url : String(value);
        if (used) expect(out.subject + out.text).toContain(shown);
      }
    });
  }

  it('the welcome email leaves out the session sentence when none is scheduled (the issue example)', () => {
    const t = defaultTemplates.welcome;
    const none = render(t.subject, t.body, {
      first_name: 'Bob',
      agency_name: 'Northshire County Council Fostering',
    });
    expect(none.text).not.toContain('information session');
    expect(none.text).not.toContain('is on .');
    expect(none.text.endsWith('The fostering team\nNorthshire County Council Fostering')).toBe(true);
    const some = render(t.subject, t.body, { first_name: 'Bob', next_session_date: '4 March 2031' });
    expect(some.text).toContain('is on 4 March 2031.');
  });
});

describe('placeholder values are plain text (the issue example)', () => {
  it('a first name holding an address is never a link in the welcome email', () => {
    const t = defaultTemplates.welcome;
    const out = render(t.subject, t.body, {
      first_name: 'Bob https://evil.example/login',
      agency_name: 'Northshire County Council Fostering',
    });
    expect(out.html).not.toContain('<a');
    expect(out.html).not.toContain('href');
    expect(out.html).toContain(
      '<p>Dear Bob https:&#8203;/&#8203;/&#8203;evil.&#8203;example/&#8203;login,</p>',
    );
    expect(out.text).toContain('Dear Bob https:\u200B/\u200B/\u200Bevil.\u200Bexample/\u200Blogin,');
    expect(out.text.replace(/\u200B/g, '')).toContain('Dear Bob https://evil.example/login,');
    expect(out.text).not.toContain('https://evil.example');
  });

  it('an address written in the template itself is still a link, next to a value', () => {
    const out = render('s', 'See https://council.example/fostering ((first_name))', {
      first_name: 'www.evil.example',
    });
    expect(out.html).toBe(
      '<p>See <a href="https://council.example/fostering">https://council.example/fostering</a> www.&#8203;evil.&#8203;example</p>',
    );
  });

  it('a value cannot add lines or paragraphs: line breaks and control characters become spaces', () => {
    const out = render('Hi ((first_name))', 'Dear ((first_name)),\n\nBye', {
      first_name: 'Bob\n\nhttps://evil.example\u0000\u2028x',
    });
    expect(out.text.replace(/\u200B/g, '')).toBe('Dear Bob https://evil.example x,\n\nBye');
    expect(out.subject.replace(/\u200B/g, '')).toBe('Hi Bob https://evil.example x');
    expect(out.html).not.toContain('<a');
  });
});
