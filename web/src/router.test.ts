import { describe, expect, it } from 'vitest';
import { matchRoute, withQuery } from './router';

describe('matchRoute', () => {
  it('matches literals and captures parameters', () => {
    expect(matchRoute('/', '/')).toEqual({});
    expect(matchRoute('/interviews/:id/report', '/interviews/42/report')).toEqual({ id: '42' });
    expect(matchRoute('/interviews/:id', '/interviews/42/')).toEqual({ id: '42' });
    expect(matchRoute('/interviews/:id', '/interviews/42/report')).toBeNull();
    expect(matchRoute('/questions/new', '/questions/7')).toBeNull();
  });
  it('decodes parameters and rejects malformed escapes', () => {
    expect(matchRoute('/u/:name', '/u/a%20b')).toEqual({ name: 'a b' });
    expect(matchRoute('/u/:name', '/u/%E0%A4%A')).toBeNull();
  });
});

describe('withQuery', () => {
  it('drops empty values', () => {
    expect(withQuery('/questions', { role: 'ml', q: '', page: 2, x: undefined })).toBe('/questions?role=ml&page=2');
    expect(withQuery('/questions', {})).toBe('/questions');
  });
});
