import { describe, expect, it } from 'vitest';
import { characterClasses, emailDomainAllowed, hasErrors, splitLines, validateEmail, validateLogin, validatePassword, validateQuestion, validateRegister } from './validate';
import type { QuestionInput } from '../api/types';

describe('validateEmail', () => {
  it('accepts ordinary addresses and rejects malformed ones', () => {
    expect(validateEmail('a.b@college.edu')).toBeNull();
    expect(validateEmail('  a@b.io ')).toBeNull();
    expect(validateEmail('')).toMatch(/Enter/);
    expect(validateEmail('no-at.example')).toMatch(/valid/);
    expect(validateEmail('a@b')).toMatch(/valid/);
    expect(validateEmail('a b@c.de')).toMatch(/valid/);
  });
});

describe('validatePassword', () => {
  it('enforces length bounds', () => {
    expect(validatePassword('Ab1', 'x@y.z')).toMatch(/at least 10/);
    expect(validatePassword('Ab1'.repeat(50), 'x@y.z')).toMatch(/at most 128/);
    expect(validatePassword('abcdefgh12', 'x@y.z')).toBeNull();
  });
  it('honours the deployment minimum', () => {
    expect(validatePassword('abcdefgh12', 'x@y.z', 12)).toMatch(/at least 12/);
  });
  it('requires two character classes', () => {
    expect(characterClasses('abcdefghij')).toBe(1);
    expect(characterClasses('aB3!')).toBe(4);
    expect(validatePassword('abcdefghijkl', 'x@y.z')).toMatch(/two kinds/);
    expect(validatePassword('1234567890', 'x@y.z')).toMatch(/two kinds/);
  });
  it('rejects the e-mail address as password', () => {
    expect(validatePassword('Anna1@uni.edu', 'anna1@uni.edu')).toMatch(/e-mail/);
  });
});

describe('validateRegister / validateLogin', () => {
  const ok = { name: 'Asha', email: 'asha@uni.edu', password: 'correct horse 9', confirm: 'correct horse 9' };
  it('passes a valid form', () => {
    expect(validateRegister(ok)).toEqual({});
  });
  it('names each faulty field', () => {
    const e = validateRegister({ name: ' ', email: 'bad', password: 'short', confirm: '' });
    expect(Object.keys(e).sort()).toEqual(['email', 'name', 'password']);
    expect(validateRegister({ ...ok, confirm: 'other' })).toEqual({ confirm: 'The passwords do not match.' });
  });
  it('checks the domain allowlist', () => {
    expect(emailDomainAllowed('a@Uni.edu', ['uni.edu'])).toBe(true);
    expect(emailDomainAllowed('a@evil.com', ['uni.edu'])).toBe(false);
    expect(emailDomainAllowed('a@evil.com', [])).toBe(true);
    expect(validateRegister({ ...ok, email: 'asha@gmail.com' }, 10, ['uni.edu']).email).toMatch(/@uni\.edu/);
  });
  it('login needs both fields', () => {
    expect(hasErrors(validateLogin('a@b.co', 'x'))).toBe(false);
    expect(validateLogin('', '')).toHaveProperty('password');
  });
});

describe('validateQuestion', () => {
  const base: QuestionInput = {
    role: 'backend',
    difficulty: 'easy',
    type: 'technical',
    text: 'Explain what an index does in a relational database.',
    talking_points: ['speeds up lookups', 'costs writes and space'],
    keywords: ['b-tree'],
    follow_ups: [{ text: 'What does it cost?', trigger: 'missing_point', point: 1 }],
  };
  it('accepts a complete question', () => {
    expect(validateQuestion(base, ['backend'])).toEqual({});
  });
  it('checks text length, talking points and role', () => {
    expect(validateQuestion({ ...base, text: 'short' }).text).toMatch(/at least 10/);
    expect(validateQuestion({ ...base, text: 'x'.repeat(1001) }).text).toMatch(/at most 1000/);
    expect(validateQuestion({ ...base, talking_points: [] }).talking_points).toMatch(/at least one/);
    expect(validateQuestion({ ...base, talking_points: Array(11).fill('p') }).talking_points).toMatch(/at most 10/);
    expect(validateQuestion({ ...base, talking_points: ['ok', 'y'.repeat(301)] }).talking_points).toMatch(/point 2/);
    expect(validateQuestion({ ...base, role: 'chef' }, ['backend']).role).toBeDefined();
  });
  it('checks follow-ups point at an existing talking point', () => {
    const bad = { ...base, follow_ups: [{ text: 'Why?', trigger: 'missing_point' as const, point: 5 }] };
    expect(validateQuestion(bad).follow_ups).toMatch(/talking points/);
    const many = { ...base, follow_ups: Array(5).fill({ text: 'Why?', trigger: 'shallow' }) };
    expect(validateQuestion(many).follow_ups).toMatch(/at most 4/);
  });
  it('splitLines drops blank lines', () => {
    expect(splitLines(' a \n\n b\n')).toEqual(['a', 'b']);
  });
});

describe('validateDomains', () => {
  it('accepts ordinary domains and rejects the rest', async () => {
    const { validateDomains } = await import('./validate');
    expect(validateDomains(['uni.edu', 'cs.uni.ac.in'])).toBeNull();
    expect(validateDomains([])).toMatch(/at least one/);
    expect(validateDomains(['uni'])).toMatch(/“uni”/);
    expect(validateDomains(['bad domain.edu'])).toMatch(/not a domain/);
    expect(validateDomains(['-x.edu'])).toMatch(/not a domain/);
  });
});
