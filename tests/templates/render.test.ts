import { describe, expect, it } from 'vitest';
import { defaultTemplates, templateKeys } from '../../src/templates/defaults.ts';
import { render, unknownPlaceholderMessage, unknownPlaceholders } from '../../src/templates/render.ts';

describe('rendering an email template', () => {
  it('fills the placeholders in the subject and body, and builds paragraphs', () => {
    const out = render(
      'Your place: ((event_title))',
      'Dear ((first_name)),\n\nSee you ((event_when)).\r\n\r\n((agency_name)) fostering team',
      {
        first_name: 'Ada',
        event_title: 'Information evening',
        event_when: '4 March 2031 at 7pm',
        agency_name: 'Northshire',
      },
    );
    expect(out.subject).toBe('Your place: Information evening');
    expect(out.text).toBe('Dear Ada,\n\nSee you 4 March 2031 at 7pm.\n\nNorthshire fostering team');
    expect(out.html).toBe(
      '<p>Dear Ada,</p>\n<p>See you 4 March 2031 at 7pm.</p>\n<p>Northshire fostering team</p>',
    );
  });

  it('renders a missing value as nothing, and drops a paragraph left empty', () => {
    const out = render('Hello ((first_name))', 'Dear ((first_name)),\n\n((event_where))\n\nBye', {});
    expect(out.subject).toBe('Hello');
    // A template without optional parts still reads "Dear ," – the shipped ones use ((first_name??…)).
    expect(out.text).toBe('Dear ,\n\nBye');
    expect(out.html).toBe('<p>Dear ,</p>\n<p>Bye</p>');
  });

  it('keeps single line breaks inside a paragraph as <br>', () => {
    expect(render('s', 'Line one\nLine two', {}).html).toBe('<p>Line one<br>\nLine two</p>');
  });

  it('escapes HTML in values, so a name cannot inject a script', () => {
    const out = render('Hi ((first_name))', 'Dear ((first_name)),', {
      first_name: '<script>alert("x")</script>',
    });
    expect(out.html).toBe('<p>Dear &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;,</p>');
    expect(out.html).not.toContain('<script');
    // The plain-text version and subject are text: nothing to escape, nothing interpreted.
    expect(out.text).toBe('Dear <script>alert("x")</script>,');
  });

  it('escapes HTML typed into the body of a template', () => {
    const out = render('s', '<script>steal()</script>\n\n<a href="javascript:x">click</a> & more', {});
    expect(out.html).not.toContain('<script');
    expect(out.html).not.toContain('<a href="javascript');
    expect(out.html).toBe(
      '<p>&lt;script&gt;steal()&lt;/script&gt;</p>\n<p>&lt;a href=&quot;javascript:x&quot;&gt;click&lt;/a&gt; &amp; more</p>',
    );
  });

  it('turns http and https addresses into links, leaving trailing punctuation outside', () => {
    const out = render('s', 'Join here: https://meet.example.com/abc?x=1&y=2. Or http://example.org', {});
    expect(out.html).toBe(
      '<p>Join here: <a href="https://meet.example.com/abc?x=1&amp;y=2">https://meet.example.com/abc?x=1&amp;y=2</a>.' +
        ' Or <a href="http://example.org">http://example.org</a></p>',
    );
  });

  it('never links an address that came from a value, and breaks it so mail clients do not either', () => {
    const out = render('s', '((event_where))', {
      event_where: 'Online. Join here: https://x.example/"><script>',
    });
    expect(out.html).toBe(
      '<p>Online. Join here: https:&#8203;/&#8203;/&#8203;x.&#8203;example/&#8203;&quot;&gt;&lt;script&gt;</p>',
    );
    expect(out.html).not.toContain('<a');
    // Plain text: as typed, with invisible zero-width spaces so clients do not auto-link it.
    expect(out.text).toBe('Online. Join here: https:\u200B/\u200B/\u200Bx.\u200Bexample/\u200B"><script>');
    expect(out.text.replace(/\u200B/g, '')).toBe('Online. Join here: https://x.example/"><script>');
    expect(render('s', 'javascript:alert(1)', {}).html).toBe('<p>javascript:alert(1)</p>');
  });

  it('links a joining link the system built from a checked address (LinkValue), escaped', () => {
    const out = render('s', '((event_where))', {
      event_where: { text: 'Online. Join here:', url: 'https://meet.example/a?b=1&c=2' },
    });
    expect(out.html).toBe(
      '<p>Online. Join here: <a href="https://meet.example/a?b=1&amp;c=2">https://meet.example/a?b=1&amp;c=2</a></p>',
    );
    expect(out.text).toBe('Online. Join here: https://meet.example/a?b=1&c=2');
    // Anything but an http(s) address is shown as text, never as a link.
    const bad = render('s', '((event_where))', {
      event_where: { text: 'Join:', url: 'javascript:alert(1)' },
    });
    expect(bad.html).toBe('<p>Join: javascript:alert(1)</p>');
  });

  it('leaves an unknown placeholder as typed (saving refuses it)', () => {
    expect(render('s', 'Hi ((nickname))', { first_name: 'Sam' }).text).toBe('Hi ((nickname))');
  });
});

describe('checking placeholders', () => {
  it('names each unknown placeholder once', () => {
    expect(unknownPlaceholders('((first_name)) ((nickname)) (( shoe_size )) ((nickname))')).toEqual([
      'nickname',
      'shoe_size',
    ]);
    expect(unknownPlaceholderMessage('Hi ((nickname))')).toBe(
      '((nickname)) is not a placeholder you can use. Use one of the placeholders listed',
    );
    expect(unknownPlaceholderMessage('Hi ((first_name))')).toBeUndefined();
  });

  it('the built-in wording uses only known placeholders', () => {
    for (const key of templateKeys) {
      expect(unknownPlaceholders(defaultTemplates[key].subject)).toEqual([]);
      expect(unknownPlaceholders(defaultTemplates[key].body)).toEqual([]);
    }
  });

  it('the default booking confirmation reads as before, signed off without "Fostering fostering"', () => {
    const t = defaultTemplates.booking_booked;
    const out = render(t.subject, t.body, {
      first_name: 'Ada',
      agency_name: 'Northshire County Council Fostering',
      event_title: 'Information evening at the Forum',
      event_when: '4 March 2031 at 7pm',
      event_where: 'At The Forum, Millennium Plain',
    });
    expect(out.subject).toBe('Your place: Information evening at the Forum');
    expect(out.text).toBe(
      [
        'Dear Ada,',
        'Thank you for booking a place at Information evening at the Forum, 4 March 2031 at 7pm.',
        'At The Forum, Millennium Plain',
        'If you can no longer come, just reply to this email and let us know.',
        'The fostering team\nNorthshire County Council Fostering',
      ].join('\n\n'),
    );
  });
});
