import { z } from 'zod';
import { emailKey } from './email-key.ts';
import { roles } from '../shared/roles.ts';
import { personName } from '../shared/name-fields.ts';

export const email = z
  .string({ error: 'Enter an email address' })
  .trim()
  .min(1, 'Enter an email address')
  .max(254, 'Email address must be 254 characters or fewer')
  .pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.com' }))
  .transform(emailKey);

export const newPassword = z
  .string({ error: 'Enter a password' })
  .min(12, 'Password must be 12 characters or more')
  .max(200, 'Password must be 200 characters or fewer');

export const CreateUser = z.object({
  name: personName('a name', 120),
  email,
  role: z.enum(roles, { error: 'Select a role' }),
});
export type CreateUserInput = z.infer<typeof CreateUser>;

export const ChangePassword = z
  .object({
    currentPassword: z.string({ error: 'Enter your current password' }).min(1, 'Enter your current password'),
    newPassword,
    confirmPassword: z.string({ error: 'Confirm your new password' }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The passwords do not match',
  });
