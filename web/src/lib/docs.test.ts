import { describe, expect, it } from 'vitest';
import type { Ats } from '../api/types';
import { atsChecks, atsSummary, band100, formatBytes, formatCost, formatYears, groupSkills, importance, jobTextProblem, jobUrlProblem, seniorityLabel, splitJobSkills, uploadProblem, uploadRefusal, UPLOAD_MAX_BYTES, usageLine, formatMonth, formatSpan, whyParts, degreeLevel, bulletStats, categoryLabel, formatPercent } from './docs';

describe('uploadProblem', () => {
  it('refuses a file over 10 MiB before uploading, saying how big it is', () => {
    const msg = uploadProblem({ name: 'cv.pdf', size: UPLOAD_MAX_BYTES + 1 });
    expect(msg).toMatch(/cv\.pdf is 10\.0 MiB; the limit is 10 MiB/);
    expect(uploadProblem({ name: 'cv.pdf', size: 12.34 * 1024 * 1024 })).toMatch(/12\.3 MiB/);
  });
  it('accepts exactly 10 MiB and ordinary resumes', () => {
    expect(uploadProblem({ name: 'cv.pdf', size: UPLOAD_MAX_BYTES })).toBeNull();
    expect(uploadProblem({ name: 'CV.DOCX', size: 40_000 })).toBeNull();
    expect(uploadProblem({ name: 'resume.txt', size: 3_000 })).toBeNull();
  });
  it('leaves unknown names to the server, which decides by content', () => {
    expect(uploadProblem({ name: 'resume', size: 3_000 })).toBeNull();
  });
  it('refuses empty files, legacy .doc and images with the reason', () => {
    expect(uploadProblem({ name: 'cv.pdf', size: 0 })).toBe('cv.pdf is empty.');
    expect(uploadProblem({ name: 'old.doc', size: 10 })).toMatch(/legacy Word \.doc.*\.docx or PDF/);
    expect(uploadProblem({ name: 'scan.JPG', size: 10 })).toMatch(/is an image/);
  });
});

describe('job description checks', () => {
  it('asks for the whole text when it is too short or missing', () => {
    expect(jobTextProblem('   ')).toBe('Paste the job description.');
    expect(jobTextProblem('Backend engineer, Go')).toMatch(/only 20 characters.*at least 50/);
    expect(jobTextProblem('x'.repeat(60))).toBeNull();
    expect(jobTextProblem('x'.repeat(100_001))).toMatch(/100,001 characters; the limit is 100,000/);
  });
  it('accepts only http and https addresses', () => {
    expect(jobUrlProblem('https://jobs.example.com/42')).toBeNull();
    expect(jobUrlProblem('http://jobs.example.com/42')).toBeNull();
    expect(jobUrlProblem('ftp://jobs.example.com/42')).toMatch(/Only http and https/);
    expect(jobUrlProblem('jobs.example.com/42')).toMatch(/full address/);
    expect(jobUrlProblem('')).toMatch(/Enter the address/);
  });
});

describe('wording', () => {
  it('formats years of experience', () => {
    expect(formatYears(4.52)).toBe('4.5 years');
    expect(formatYears(1)).toBe('1 year');
    expect(formatYears(3)).toBe('3 years');
    expect(formatYears(0.4)).toBe('under a year');
    expect(formatYears(Number.NaN)).toBe('—');
  });
  it('names seniority levels, passing unknown ones through', () => {
    expect(seniorityLabel('mid')).toBe('Mid-level');
    expect(seniorityLabel('unknown')).toBe('not stated');
    expect(seniorityLabel('principal')).toBe('principal');
  });
  it('formats bytes and costs', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(48 * 1024)).toBe('48 KiB');
    expect(formatCost(0.00421)).toBe('$0.0042');
    expect(formatCost(1.271)).toBe('$1.27');
    expect(formatCost(0)).toBe('$0');
  });
  it('writes the usage footer only when the model was called', () => {
    expect(usageLine({ calls: 0, input_tokens: 0, output_tokens: 0, cost_usd: 0 })).toBeNull();
    expect(usageLine(undefined)).toBeNull();
    expect(usageLine({ calls: 6, input_tokens: 10980, output_tokens: 1440, cost_usd: 0.0252 })).toBe('6 model calls · 10,980 input + 1,440 output tokens · $0.025');
  });
  it('bands 0–100 scores', () => {
    expect([band100(90), band100(75), band100(74), band100(50), band100(49)]).toEqual(['good', 'good', 'fair', 'fair', 'weak']);
  });
});

describe('ATS checks', () => {
  const ats: Ats = {
    score: 61,
    checks: [
      { id: 'parseable', label: 'Text', points: 15, max: 15, reason: 'ok', suggestion: '' },
      { id: 'quantified', label: 'Numbers', points: 4, max: 10, reason: '2 of 10', suggestion: 'Add numbers' },
      { id: 'layout', label: 'Layout', points: 0, max: 5, reason: 'two columns', suggestion: 'One column' },
      { id: 'odd', label: 'Over-reported', points: 12, max: 10, reason: '', suggestion: '' },
    ],
  };
  it('gives every check a tally, a status and a bar width, clamping bad numbers', () => {
    const v = atsChecks(ats);
    expect(v.map((c) => c.tally)).toEqual(['15/15', '4/10', '0/5', '10/10']);
    expect(v.map((c) => c.status)).toEqual(['pass', 'partial', 'fail', 'pass']);
    expect(v.map((c) => c.pct)).toEqual([100, 40, 0, 100]);
  });
  it('summarises passed checks and points lost', () => {
    expect(atsSummary(ats)).toBe('2 of 4 checks passed · 11 points lost on 2 checks');
    expect(atsSummary({ score: 100, checks: [{ id: 'a', label: 'A', points: 100, max: 100, reason: '', suggestion: '' }] })).toBe('1 of 1 check passed');
  });
});

describe('skills', () => {
  it('groups by category, biggest group first, most mentioned first', () => {
    const g = groupSkills([
      { name: 'Go', category: 'language', count: 1, first: 0 },
      { name: 'Redis', category: 'database', count: 4, first: 0 },
      { name: 'Python', category: 'language', count: 3, first: 0 },
      { name: 'Kubernetes', category: 'devops', count: 2, first: 0 },
    ]);
    expect(g.map((x) => x.label)).toEqual(['Language', 'Database', 'DevOps']);
    expect(g[0]!.skills.map((s) => s.name)).toEqual(['Python', 'Go']);
  });
  it('splits job skills into required and nice-to-have, heaviest first, and words importance', () => {
    const s = splitJobSkills([
      { name: 'Kafka', category: 'messaging', required: false, weight: 0.3 },
      { name: 'Go', category: 'language', required: true, weight: 0.6 },
      { name: 'Postgres', category: 'database', required: true, weight: 0.9 },
    ]);
    expect(s.required.map((x) => x.name)).toEqual(['Postgres', 'Go']);
    expect(s.nice.map((x) => x.name)).toEqual(['Kafka']);
    expect(importance(s.required[0]!)).toBe('required, key');
    expect(importance(s.nice[0]!)).toBe('nice to have');
  });
});

describe('uploadRefusal', () => {
  it('titles the refusals the server documents', () => {
    expect(uploadRefusal('payload_too_large')).toBe('The file is too large');
    expect(uploadRefusal('unsupported_media_type')).toBe('This file type cannot be read');
    expect(uploadRefusal('unprocessable')).toBe('No text could be read from the file');
    expect(uploadRefusal('conflict')).toBe('You have reached the limit');
    expect(uploadRefusal('internal')).toBe('The upload failed');
  });
});

describe('degreeLevel', () => {
  it('names the levels the server sends, tolerating numbers and unknowns', () => {
    expect(degreeLevel('bachelor')).toBe("Bachelor's");
    expect(degreeLevel('doctorate')).toBe('Doctorate');
    expect(degreeLevel(3)).toBe("Master's");
    expect(degreeLevel('other')).toBe('');
    expect(degreeLevel('weird')).toBe('');
  });
});

describe('dates', () => {
  it('writes months and spans', () => {
    expect(formatMonth('2021-03')).toBe('Mar 2021');
    expect(formatMonth('2021')).toBe('2021');
    expect(formatMonth(null)).toBe('');
    expect(formatSpan({ start: '2019-01', end: '2020-12', present: false })).toBe('Jan 2019 – Dec 2020');
    expect(formatSpan({ start: '2021-03', end: null, present: true })).toBe('Mar 2021 – present');
  });
});

describe('server shapes', () => {
  it('reads bullet counts nested (as served) or flat (as documented)', () => {
    expect(bulletStats({ bullets: { count: 9, quantified: 4, action_verbs: 7 } })).toEqual({ count: 9, quantified: 4, action: 7 });
    expect(bulletStats({ bullets: 5, bullets_quantified: 3, bullets_action: 2 })).toEqual({ count: 5, quantified: 3, action: 2 });
  });
  it('keeps human category names and one decimal of a percentage', () => {
    expect(categoryLabel('Cloud and DevOps')).toBe('Cloud and DevOps');
    expect(categoryLabel('programming_languages')).toBe('Programming Languages');
    expect(formatPercent(70.6)).toBe('70.6');
    expect(formatPercent(63)).toBe('63');
    expect(formatPercent(100.4)).toBe('100');
  });
});

describe('whyParts', () => {
  it('splits "skill: reason" as the server sends it', () => {
    expect(whyParts('Kafka: listed in your skills and used at Payments Co')).toEqual({ skill: 'Kafka', reason: 'listed in your skills and used at Payments Co' });
    expect(whyParts('Go: project: Tiny compiler in Go')).toEqual({ skill: 'Go', reason: 'project: Tiny compiler in Go' });
  });
  it('keeps a plain sentence whole and ignores empty reasons', () => {
    expect(whyParts('Kafka is on your resume and the job asks for it.')).toEqual({ skill: '', reason: 'Kafka is on your resume and the job asks for it' });
    expect(whyParts('project: Tiny compiler')).toEqual({ skill: '', reason: 'project: Tiny compiler' });
    expect(whyParts('')).toBeNull();
    expect(whyParts(null)).toBeNull();
  });
});

