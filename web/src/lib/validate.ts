// Client-side form checks. They mirror the server's rules (docs/api.md) so the
// user hears about a problem before a round trip; the server still decides.

import type { FollowUp, QuestionInput } from '../api/types';

export type FieldErrors = Record<string, string>;

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;
export const NAME_MAX = 100;
export const QUESTION_TEXT_MIN = 10;
export const QUESTION_TEXT_MAX = 1000;
export const TALKING_POINTS_MAX = 10;
export const TALKING_POINT_LEN_MAX = 300;
export const KEYWORDS_MAX = 30;
export const FOLLOW_UPS_MAX = 4;
export const ANSWER_MAX = 10000;

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateEmail(email: string): string | null {
  const e = email.trim();
  if (!e) return 'Enter your e-mail address.';
  if (e.length > 254 || !EMAIL_RE.test(e)) return 'Enter a valid e-mail address, like name@college.edu.';
  return null;
}

/** Counts the character classes (lower, upper, digit, other) present in `s`. */
export function characterClasses(s: string): number {
  let n = 0;
  if (/[a-z]/.test(s)) n++;
  if (/[A-Z]/.test(s)) n++;
  if (/[0-9]/.test(s)) n++;
  if (/[^a-zA-Z0-9]/.test(s)) n++;
  return n;
}

export function validatePassword(password: string, email: string, minLength = PASSWORD_MIN): string | null {
  const min = Math.max(minLength, 1);
  if (!password) return 'Choose a password.';
  if ([...password].length < min) return `Use at least ${min} characters.`;
  if ([...password].length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  if (characterClasses(password) < 2) return 'Mix at least two kinds of characters (letters, digits, symbols).';
  if (email && password.toLowerCase() === email.trim().toLowerCase()) return 'Your password must not be your e-mail address.';
  return null;
}

export function emailDomainAllowed(email: string, allowed: string[]): boolean {
  if (allowed.length === 0) return true;
  const at = email.lastIndexOf('@');
  if (at < 0) return false;
  const domain = email.slice(at + 1).trim().toLowerCase();
  return allowed.some((d) => domain === d.toLowerCase());
}

export interface RegisterForm {
  name: string;
  email: string;
  password: string;
  confirm: string;
}

export function validateRegister(f: RegisterForm, minLength = PASSWORD_MIN, allowedDomains: string[] = []): FieldErrors {
  const errors: FieldErrors = {};
  const name = f.name.trim();
  if (!name) errors.name = 'Enter your name.';
  else if (name.length > NAME_MAX) errors.name = `Use at most ${NAME_MAX} characters.`;
  const email = validateEmail(f.email);
  if (email) errors.email = email;
  else if (!emailDomainAllowed(f.email, allowedDomains)) {
    errors.email = `Use your college e-mail (${allowedDomains.map((d) => '@' + d).join(', ')}).`;
  }
  const pw = validatePassword(f.password, f.email, minLength);
  if (pw) errors.password = pw;
  else if (f.confirm !== f.password) errors.confirm = 'The passwords do not match.';
  return errors;
}

export function validateLogin(email: string, password: string): FieldErrors {
  const errors: FieldErrors = {};
  const e = validateEmail(email);
  if (e) errors.email = e;
  if (!password) errors.password = 'Enter your password.';
  return errors;
}

/** Splits a textarea of one item per line into trimmed, non-empty items. */
export function splitLines(text: string): string[] {
  return text
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Splits a comma-separated list ("react, css") into trimmed, non-empty items. */
export function splitCommas(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const TRIGGERS: FollowUp['trigger'][] = ['missing_point', 'no_example', 'no_result', 'shallow'];

export function validateQuestion(q: QuestionInput, roles: string[] = []): FieldErrors {
  const errors: FieldErrors = {};
  if (!q.role) errors.role = 'Choose a role.';
  else if (roles.length && !roles.includes(q.role)) errors.role = 'Choose one of the listed roles.';
  if (!['easy', 'medium', 'hard'].includes(q.difficulty)) errors.difficulty = 'Choose a difficulty.';
  if (!['technical', 'behavioural', 'hr'].includes(q.type)) errors.type = 'Choose a question type.';
  const len = q.text.trim().length;
  if (len < QUESTION_TEXT_MIN) errors.text = `Write at least ${QUESTION_TEXT_MIN} characters.`;
  else if (len > QUESTION_TEXT_MAX) errors.text = `Use at most ${QUESTION_TEXT_MAX} characters (now ${len}).`;
  const tps = q.talking_points;
  if (tps.length === 0) errors.talking_points = 'Add at least one talking point (one per line).';
  else if (tps.length > TALKING_POINTS_MAX) errors.talking_points = `Use at most ${TALKING_POINTS_MAX} talking points.`;
  else {
    const long = tps.findIndex((t) => t.length > TALKING_POINT_LEN_MAX);
    if (long >= 0) errors.talking_points = `Talking point ${long + 1} is longer than ${TALKING_POINT_LEN_MAX} characters.`;
  }
  if ((q.keywords ?? []).length > KEYWORDS_MAX) errors.keywords = `Use at most ${KEYWORDS_MAX} keywords.`;
  const fus = q.follow_ups ?? [];
  if (fus.length > FOLLOW_UPS_MAX) errors.follow_ups = `Use at most ${FOLLOW_UPS_MAX} follow-ups.`;
  else {
    for (let i = 0; i < fus.length; i++) {
      const f = fus[i]!;
      if (!f.text.trim()) {
        errors.follow_ups = `Follow-up ${i + 1} needs a question.`;
        break;
      }
      if (!TRIGGERS.includes(f.trigger)) {
        errors.follow_ups = `Follow-up ${i + 1} needs a trigger.`;
        break;
      }
      if (f.trigger === 'missing_point' && (f.point === undefined || f.point < 0 || f.point >= tps.length)) {
        errors.follow_ups = `Follow-up ${i + 1} must name one of the talking points.`;
        break;
      }
    }
  }
  return errors;
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}

const DOMAIN_RE = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
export const COLLEGE_DOMAINS_MAX = 20;

/** Checks a college's e-mail domains (already split and lower-cased); null when fine. */
export function validateDomains(domains: string[]): string | null {
  if (domains.length === 0) return 'Add at least one domain.';
  if (domains.length > COLLEGE_DOMAINS_MAX) return `Use at most ${COLLEGE_DOMAINS_MAX} domains.`;
  const bad = domains.find((d) => !DOMAIN_RE.test(d.replace(/^@/, '')));
  return bad ? `“${bad}” is not a domain like uni.edu.` : null;
}
