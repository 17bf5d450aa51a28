/**
 * The one normal form of an email address used as a key: for finding a user, for the sign-in
 * limiter's key, and for uniqueness (the `users_email_key` index is on `lower(email)`). Every key
 * built from a typed address goes through this function, so `B-COMMS@…`, ` b-comms@…` and a
 * decomposed-Unicode spelling are one account and one lockout counter.
 */
export const emailKey = (email: string) => email.normalize('NFC').trim().toLowerCase();
