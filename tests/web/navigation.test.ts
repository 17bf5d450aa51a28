import { describe, expect, it } from 'vitest';
import { navigationFor } from '../../src/web/navigation.ts';

describe('service navigation', () => {
  it('gives a manager a dozen sections or fewer (one line at 1280px), with Equality under Reports', () => {
    const items = navigationFor('manager', '/reports/equality');
    expect(items.length).toBeLessThanOrEqual(12);
    expect(items.map((i) => i.text)).not.toContain('Equality');
    expect(items.map((i) => i.text)).not.toContain('Follow-up emails');
    expect(items.filter((i) => i.active).map((i) => i.text)).toEqual(['Reports']);
    expect(
      navigationFor('manager', '/follow-ups')
        .filter((i) => i.active)
        .map((i) => i.text),
    ).toEqual(['Email templates']);
  });

  it('still lists Equality for an administrator, who has no Reports section', () => {
    const items = navigationFor('admin', '/reports/equality');
    expect(items.filter((i) => i.active).map((i) => i.text)).toEqual(['Equality']);
    expect(items.length).toBeLessThanOrEqual(12);
  });

  it('puts the tracker import under Enquiries for a manager and under System for an administrator', () => {
    const active = (role: 'manager' | 'admin') =>
      navigationFor(role, '/imports/0b0e7a1c-0000-4000-8000-000000000000')
        .filter((i) => i.active)
        .map((i) => i.text);
    expect(active('manager')).toEqual(['Enquiries']);
    expect(active('admin')).toEqual(['System']);
    for (const role of ['officer', 'manager', 'comms', 'admin'] as const)
      expect(navigationFor(role, '/').map((i) => i.text)).not.toContain('Import a tracker');
  });
});
