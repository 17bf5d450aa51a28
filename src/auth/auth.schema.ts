import { z } from 'zod';

export const SignIn = z.object({
  email: z
    .string({ error: 'Enter your email address' })
    .trim()
    .min(1, 'Enter your email address')
    .max(254, 'Enter a correct email address and password'),
  password: z
    .string({ error: 'Enter your password' })
    .min(1, 'Enter your password')
    .max(200, 'Enter a correct email address and password'),
  next: z.string().max(2000).optional(),
});

export const CreateToken = z.object({
  label: z
    .string({ error: 'Enter a name for the token' })
    .trim()
    .min(1, 'Enter a name for the token, for example "Website form integration"')
    .max(100, 'Name must be 100 characters or fewer'),
});

/** Only same-site relative paths: an open redirect after sign-in is a phishing aid. */
export const safeNext = (next: string | undefined) =>
  next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\\\') ? next : '/';
