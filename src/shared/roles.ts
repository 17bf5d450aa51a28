export const roles = ['officer', 'manager', 'comms', 'admin'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  officer: 'Recruitment officer',
  manager: 'Fostering team manager',
  comms: 'Communications',
  admin: 'Administrator',
};
