import { describe, expect, it } from 'vitest';
import { NewAgency, NewMember } from '../../src/agencies/agencies.schema.ts';
import {
  addMember,
  agencyOverview,
  changeMember,
  createAgency,
  homeCouncilOf,
} from '../../src/agencies/agencies.service.ts';
import { AppError } from '../../src/shared/errors.ts';
import { parse } from '../../src/shared/validation.ts';
import { useDbContext } from '../helpers/db-context.ts';

const issuesOf = async (run: Promise<unknown> | (() => unknown)) => {
  try {
    await (typeof run === 'function' ? run() : run);
  } catch (err) {
    if (err instanceof AppError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  return [];
};

describe('hubs and member councils (issue 17 §1): the rules', () => {
  const ctx = useDbContext();

  it('refuses codes that are not URL-safe or reserved, postcodes that are not areas or districts', async () => {
    expect(await issuesOf(() => parse(NewAgency, { name: 'A', code: 'a b' }))).toEqual([
      'code: Code must be lower-case letters, numbers and single hyphens, like foster-east',
    ]);
    expect(await issuesOf(() => parse(NewAgency, { name: 'A', code: 'thank-you' }))).toEqual([
      'code: That code is used by the enquiry form’s own pages',
    ]);
    expect(await issuesOf(() => parse(NewAgency, { name: 'A', code: 'ok', postcodes: 'RM, RM' }))).toEqual([
      'postcodes: RM is listed twice',
    ]);
    expect(await issuesOf(() => parse(NewAgency, { name: 'A', code: 'ok', population: '12.5' }))).toEqual([
      'population: Population must be a whole number, like 350000',
    ]);
    expect(parse(NewAgency, { name: 'A', code: 'ok', postcodes: ' nr1,ip  CB10 ' }).postcodes).toEqual([
      'NR1',
      'IP',
      'CB10',
    ]);
  });

  it('a hub has members with shares of the population; its admin adds and changes them', async () => {
    const db = ctx().database.db;
    const hub = await createAgency(db, parse(NewAgency, { name: 'Anglia Hub', code: 'anglia', kind: 'hub' }));
    const admin = { agencyId: hub.id, userId: null, role: 'admin' as const };
    await addMember(
      db,
      admin,
      parse(NewMember, { name: 'Norfolk', code: 'norfolk', postcodes: 'NR', population: '900000' }),
    );
    await addMember(
      db,
      admin,
      parse(NewMember, { name: 'Suffolk', code: 'suffolk', postcodes: 'IP', population: '700000' }),
    );
    expect(
      await issuesOf(
        addMember(db, admin, parse(NewMember, { name: 'Again', code: 'norfolk', postcodes: '' })),
      ),
    ).toEqual(['code: An agency already has the code norfolk: choose another']);
    const overview = await agencyOverview(db, hub.id);
    // 900,000 ÷ 1,600,000 = 56.25 %; 700,000 ÷ 1,600,000 = 43.75 %.
    expect(overview.members.map((m) => [m.slug, m.sharePercent])).toEqual([
      ['norfolk', 56.25],
      ['suffolk', 43.75],
    ]);
    await changeMember(db, admin, 'suffolk', {
      name: 'Suffolk County',
      postcodes: ['IP', 'CO10'],
      population: 100000,
    });
    const after = await agencyOverview(db, hub.id);
    // 900,000 ÷ 1,000,000 = 90 %.
    expect(after.members.map((m) => [m.name, m.sharePercent, m.areaPostcodePrefixes])).toEqual([
      ['Norfolk', 90, ['NR']],
      ['Suffolk County', 10, ['IP', 'CO10']],
    ]);
    // A council's administrator has no members to manage.
    const council = { agencyId: ctx().agencyId, userId: null, role: 'admin' as const };
    await expect(
      changeMember(db, council, 'norfolk', { name: 'X', postcodes: [], population: undefined }),
    ).rejects.toThrow('Page not found');
  });

  it('proposes the member whose postcodes cover the household, the most specific first', () => {
    const members = [
      { id: 'cambs', areaPostcodePrefixes: ['CB', 'PE'] },
      { id: 'suffolk', areaPostcodePrefixes: ['IP', 'CB9'] },
      { id: 'essex', areaPostcodePrefixes: ['CM', 'CO'] },
      { id: 'colchester', areaPostcodePrefixes: ['CO'] },
    ];
    expect(homeCouncilOf(members, 'CB1 2AB')?.id).toBe('cambs');
    expect(homeCouncilOf(members, 'CB9 8AA')?.id).toBe('suffolk');
    expect(homeCouncilOf(members, 'IP1 1AA')?.id).toBe('suffolk');
    // Two members claim CO equally: no guess.
    expect(homeCouncilOf(members, 'CO1 1AA')).toBeNull();
    expect(homeCouncilOf(members, 'NR1 3QU')).toBeNull();
    expect(homeCouncilOf(members, 'BFPO 12')).toBeNull();
  });
});
