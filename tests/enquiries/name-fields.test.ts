import { describe, expect, it } from 'vitest';
import { CreatePanel } from '../../src/panels/panels.schema.ts';
import { PublicEnquiry } from '../../src/public/public-enquiry.schema.ts';
import { parse } from '../../src/shared/validation.ts';
import { AppError } from '../../src/shared/errors.ts';
import { CreateUser } from '../../src/users/users.schema.ts';
import { enquiryBody, makeApiToken, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient, Browser } from '../helpers/http.ts';

const badNames = [
  'Bob\nSmith',
  'Bob\r\n',
  'Bob\tSmith',
  'Bob\u0000',
  'Bob\u2028Smith',
  'Bob\u202Ehtims',
  'Bob\u0085',
];

/** The issues a schema reports for an input, as path → message. */
function issues(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.issues;
    throw error;
  }
  return [];
}

describe('name fields refuse line breaks and control characters', () => {
  const ctx = useTestContext();
  const api = async () => {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    return apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, ctx().agencyId, user.id));
  };

  it('the API answers 422 with the field path for an applicant or household member name', async () => {
    const client = await api();
    for (const bad of badNames) {
      const body = enquiryBody();
      body.applicants[0]!.firstName = bad;
      const res = await client.post('/enquiries', body);
      expect(res.status, JSON.stringify(bad)).toBe(422);
      expect(res.body.error.issues).toEqual([
        {
          path: 'applicants.0.firstName',
          message: 'First name must be on one line, without tabs or special characters',
        },
      ]);
    }
    const member = await client.post(
      '/enquiries',
      enquiryBody({ members: [{ firstName: 'Ann', lastName: 'Lee\nX', relationship: 'child' }] }),
    );
    expect(member.status).toBe(422);
    expect(member.body.error.issues[0].path).toBe('members.0.lastName');
  });

  it('accepts names as people type them: accents, apostrophes, hyphens, other scripts', async () => {
    const client = await api();
    for (const [i, name] of [
      'O’Brien',
      "O'Brien",
      'Lefèvre',
      'Anne-Marie',
      'St. John',
      'Nguyễn',
      'محمد',
      '  Sam  ',
    ].entries()) {
      const body = enquiryBody();
      body.applicants[0]!.lastName = name;
      // Each at its own postcode: "O’Brien" and "O'Brien" at one postcode are one household (§4).
      body.household.postcode = `NR${i + 1} 1AA`;
      const res = await client.post('/enquiries', body);
      expect(res.status, name).toBe(201);
      expect(res.body.applicants[0].lastName).toBe(name.trim());
    }
  });

  it('the public form, the staff user form and the panel chair refuse them too', async () => {
    const form = { lastName: 'Smith', postcode: 'NR1 3QU', transfer: 'no', email: 'bob@example.com' };
    expect(issues(() => parse(PublicEnquiry, { ...form, firstName: 'Bob\nhttps://evil.example' }))).toEqual([
      { path: 'firstName', message: 'First name must be on one line, without tabs or special characters' },
    ]);
    expect(
      issues(() => parse(CreateUser, { name: 'Ann\rLee', email: 'a@example.com', role: 'officer' })),
    ).toEqual([{ path: 'name', message: 'Name must be on one line, without tabs or special characters' }]);
    expect(
      issues(() => parse(CreateUser, { name: 'Ann Lee', email: 'a@example.com', role: 'officer' })),
    ).toEqual([]);
    const chair = issues(() => parse(CreatePanel, { chair: 'Pat\nJones' }));
    expect(chair.find((i) => i.path === 'chair')?.message).toBe(
      'Name of the panel chair must be on one line, without tabs or special characters',
    );
  });

  it('the staff form for a new user shows the error on the page (422)', async () => {
    const admin = await makeUser(ctx().deps.db, ctx().agencyId, 'admin');
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(admin.email, admin.password);
    await browser.get('/admin/users/new');
    const res = await browser.post('/admin/users', {
      name: 'Ann\nLee',
      email: 'ann.lee@example.com',
      role: 'officer',
    });
    expect(res.status).toBe(422);
    expect(res.body).toContain('Name must be on one line, without tabs or special characters');
  });
});
