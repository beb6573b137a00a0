// Development stand-in for the resume / job-description analysis of
// `candor serve` (docs/api.md "Resumes and job descriptions"), used by
// mock-api.mjs. A dozen-skill taxonomy and a few regular expressions: enough
// to click through the UI with believable shapes, NOT the product's analysis
// (src/docs). No test relies on its numbers.

export const MAX_UPLOAD = 10 * 1024 * 1024;

const TAXONOMY = [
  ['Python', 'language', ['python']],
  ['Go', 'language', ['golang', 'go']],
  ['Java', 'language', ['java']],
  ['JavaScript', 'language', ['javascript', 'js']],
  ['TypeScript', 'language', ['typescript', 'ts']],
  ['SQL', 'language', ['sql']],
  ['PostgreSQL', 'database', ['postgresql', 'postgres']],
  ['Redis', 'database', ['redis']],
  ['Kafka', 'messaging', ['kafka']],
  ['Docker', 'devops', ['docker']],
  ['Kubernetes', 'devops', ['kubernetes', 'k8s']],
  ['AWS', 'cloud', ['aws', 'amazon web services']],
  ['React', 'frontend', ['react', 'react.js']],
  ['Git', 'tool', ['git']],
  ['REST APIs', 'concept', ['rest', 'restful']],
  ['Microservices', 'concept', ['microservices']],
  ['gRPC', 'concept', ['grpc']],
  ['Terraform', 'devops', ['terraform']],
];

const HEADINGS = [
  ['summary', /^(summary|profile|about me|objective)$/i],
  ['experience', /^(experience|work experience|employment|professional experience)$/i],
  ['education', /^(education|academics)$/i],
  ['skills', /^(skills|technical skills|tech stack)$/i],
  ['projects', /^(projects|personal projects)$/i],
  ['certifications', /^(certifications|certificates)$/i],
  ['achievements', /^(achievements|awards)$/i],
];

/** The document type from its first bytes, as the server decides it. */
export function sniff(buf) {
  const head = buf.subarray(0, 8);
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return { format: 'pdf' };
  if (head[0] === 0x50 && head[1] === 0x4b) return { format: 'docx' };
  if (head[0] === 0xd0 && head[1] === 0xcf) return { status: 415, code: 'unsupported_media_type', error: 'this is a legacy Word .doc file: save it as .docx or PDF' };
  if ((head[0] === 0x89 && head[1] === 0x50) || (head[0] === 0xff && head[1] === 0xd8)) return { status: 415, code: 'unsupported_media_type', error: 'this is an image: upload a PDF, DOCX or text file' };
  const text = buf.toString('utf8');
  if (text.includes('\uFFFD') || /[\x00-\x08\x0e-\x1f]/.test(text.slice(0, 4096))) return { status: 415, code: 'unsupported_media_type', error: 'not a PDF, DOCX or UTF-8 text file' };
  return { format: 'text' };
}

/** Text of a simple PDF: the strings of its (uncompressed) text operators. */
function pdfText(buf) {
  const raw = buf.toString('latin1');
  const out = [];
  for (const m of raw.matchAll(/\(((?:\\.|[^\\)])*)\)\s*Tj/g)) out.push(m[1].replace(/\\(.)/g, '$1'));
  return out.join('\n');
}

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function findSkills(text) {
  const lower = text.toLowerCase();
  const found = [];
  for (const [name, category, aliases] of TAXONOMY) {
    let count = 0;
    let first = -1;
    for (const a of aliases) {
      const re = new RegExp(`(^|[^a-z0-9+#])${escapeRe(a)}(?![a-z0-9+#])`, 'g');
      for (const m of lower.matchAll(re)) {
        count++;
        const at = Buffer.byteLength(text.slice(0, m.index + m[1].length));
        if (first < 0 || at < first) first = at;
      }
    }
    if (count) found.push({ name, category, count, first });
  }
  return found;
}

function ym(s) {
  const m = /(\d{4})(?:-(\d{2}))?/.exec(s);
  return m ? `${m[1]}-${m[2] || '01'}` : null;
}

export function analyseResume(buf, format) {
  const text = format === 'pdf' ? pdfText(buf) : format === 'docx' ? '' : buf.toString('utf8');
  const scanned = format === 'pdf' && !text.trim();
  if (!text.trim() && format !== 'pdf') return { error: format === 'docx' ? 'the mock server cannot read DOCX; use text or PDF' : 'the file has no text' };
  const lines = text.split(/\r?\n/);
  const sections = [];
  let off = 0;
  sections.push({ id: 'header', heading: '', standard: true, start: 0, end: 0 });
  for (const line of lines) {
    const t = line.trim().replace(/:$/, '');
    const hit = HEADINGS.find(([, re]) => re.test(t));
    if (hit || (/^[A-Z][A-Z &]{3,30}$/.test(t) && !hit)) {
      sections.at(-1).end = off;
      sections.push({ id: hit ? hit[0] : 'other', heading: t, standard: !!hit, start: off, end: off });
    }
    off += Buffer.byteLength(line) + 1;
  }
  sections.at(-1).end = Buffer.byteLength(text);
  const jobs = [];
  for (const m of text.matchAll(/^(.*?)[,|–-]*\s*\(?(\d{4}(?:-\d{2})?)\s*(?:–|-|to)\s*(\d{4}(?:-\d{2})?|present|now)\)?\s*$/gim)) {
    const present = /present|now/i.test(m[3]);
    jobs.push({ title: m[1].trim().replace(/[,|–-]+$/, '').trim(), start: ym(m[2]), end: present ? null : ym(m[3]), present });
  }
  const nowYear = new Date().getFullYear();
  const years = Math.round(jobs.reduce((s, j) => s + Math.max(0, (j.present ? nowYear : Number(j.end.slice(0, 4))) - Number(j.start.slice(0, 4))), 0) * 10) / 10;
  const seniority = jobs.length === 0 ? 'unknown' : years < 1 ? 'intern' : years < 3 ? 'junior' : years < 6 ? 'mid' : years < 10 ? 'senior' : 'lead';
  const degrees = [...text.matchAll(/(B\.?Tech|B\.?Sc|M\.?Sc|Bachelor[^,\n]*|Master[^,\n]*|Ph\.?D)[^\n]*?(\d{4})?$/gim)].map((m) => ({
    level: /ph/i.test(m[1]) ? 'doctorate' : /m/i.test(m[1][0]) ? 'master' : 'bachelor',
    degree: m[1].trim(),
    school: (/,\s*([^,\n]+?)(,|\s+\d{4}|$)/.exec(m[0]) || [])[1] || '',
    year: m[2] ? Number(m[2]) : null,
  }));
  const email = (/[\w.+-]+@[\w-]+\.[\w.-]+/.exec(text) || [''])[0];
  const phone = (/\+?\d[\d ()-]{8,}\d/.exec(text) || [''])[0];
  const github = (/github\.com\/[\w-]+/i.exec(text) || [''])[0];
  const linkedin = (/linkedin\.com\/in\/[\w-]+/i.exec(text) || [''])[0];
  const name = (lines.find((l) => l.trim()) || '').trim().slice(0, 60);
  const bulletLines = lines.filter((l) => /^\s*[-•*]/.test(l));
  const quantified = bulletLines.filter((l) => /\d/.test(l)).length;
  const action = bulletLines.filter((l) => /^\s*[-•*]\s*(led|built|designed|reduced|improved|shipped|wrote|owned|migrated|created)/i.test(l)).length;
  const words = text.split(/\s+/).filter(Boolean).length;
  const skills = findSkills(text);
  const analysis = {
    contact: { name: name || null, email: email || null, phone: phone || null, linkedin: linkedin || null, github: github || null, website: null },
    sections,
    jobs,
    years,
    seniority,
    date_problems: 0,
    date_problem: '',
    degrees,
    skills,
    layout: { pages: format === 'pdf' ? Math.max(1, (buf.toString('latin1').match(/\/Type\s*\/Page\b/g) || []).length) : 1, images: 0, tables: 0, multi_column: false, scanned },
    format,
    words,
    bullets: bulletLines.length,
    bullets_quantified: quantified,
    bullets_action: action,
  };
  const ats = atsReport(analysis, null);
  return { format, name, years, seniority, skills: skills.length, ats_score: ats.score, analysis, ats, text };
}

function check(id, label, max, frac, reason, suggestion) {
  const points = Math.round(max * Math.max(0, Math.min(1, frac)));
  return { id, label, points, max, reason, suggestion: points < max ? suggestion : '' };
}

function atsReport(a, job) {
  const std = a.sections.filter((s) => s.id !== 'header');
  const found = new Set(std.filter((s) => s.standard).map((s) => s.id));
  const contact = ['email', 'phone'].filter((k) => a.contact[k]).length;
  const checks = [
    check('parseable', 'Text can be extracted', 15, a.layout.scanned ? 0 : 1, a.layout.scanned ? 'The PDF has no text layer (a scan): ATS parsers see an empty page.' : `${a.words} words extracted.`, 'Export the resume from your editor as a PDF with text, not a scan.'),
    check('sections', 'Standard section headings', 15, ['experience', 'education', 'skills'].filter((k) => found.has(k)).length / 3, `Found ${[...found].join(', ') || 'no standard headings'}.`, 'Use the usual headings: Experience, Education, Skills.'),
    check('contact', 'Contact details', 10, contact / 2, contact === 2 ? 'E-mail and phone found.' : 'E-mail or phone missing.', 'Put your e-mail and phone number at the top.'),
    check('dates', 'Dates consistent', 10, a.jobs.length ? 1 : 0.5, a.jobs.length ? `${a.jobs.length} dated roles.` : 'No dated roles found.', 'Give every role a start and end month, e.g. 2021-03 – 2023-06.'),
    check('length', 'Length', 10, a.words >= 250 && a.words <= 900 ? 1 : 0.5, `${a.words} words.`, 'Aim for 300–800 words (one or two pages).'),
    check('bullets', 'Bullet points', 10, a.bullets >= 6 ? 1 : a.bullets / 6, `${a.bullets} bullet points.`, 'Describe each role in 3–5 bullet points.'),
    check('quantified', 'Quantified achievements', 10, a.bullets ? a.bullets_quantified / a.bullets / 0.5 : 0, `${a.bullets_quantified} of ${a.bullets} bullets carry a number.`, 'Add numbers: latency cut by 40%, 3 services, 12 k users.'),
    check('action_verbs', 'Action verbs', 5, a.bullets ? a.bullets_action / a.bullets / 0.6 : 0, `${a.bullets_action} of ${a.bullets} bullets start with an action verb.`, 'Start bullets with a verb: built, led, reduced.'),
    check('keywords', 'Keyword coverage', 10, job ? job.coverage : Math.min(1, a.skills.length / 8), job ? `${Math.round(job.coverage * 100)}% of the job's skills appear.` : `${a.skills.length} known skills (no job chosen).`, job ? `Mention ${job.missing.slice(0, 3).join(', ')} where you really used them.` : 'Compare with a job to check its keywords.'),
    check('layout', 'Simple layout', 5, a.layout.tables || a.layout.multi_column || a.layout.images ? 0.4 : 1, a.layout.tables || a.layout.multi_column ? 'Tables or columns found.' : 'One column, no tables or images.', 'Avoid tables, text boxes and two-column layouts.'),
  ];
  return { score: checks.reduce((s, c) => s + c.points, 0), checks };
}

const ROLE_WORDS = [
  ['frontend', /front[- ]?end|react|ui engineer/i],
  ['devops', /devops|site reliability|sre\b|platform engineer/i],
  ['ml', /machine learning|data scientist|\bml\b/i],
  ['mobile', /android|ios|mobile/i],
  ['fullstack', /full[- ]?stack/i],
  ['backend', /back[- ]?end|server|api/i],
];

export function analyseJob(text, title) {
  const firstLine = (text.split(/\r?\n/).find((l) => l.trim()) || '').trim();
  const t = (title || firstLine).slice(0, 120);
  const niceAt = text.search(/nice to have|bonus|preferred|plus:/i);
  const skills = findSkills(text).map((k) => {
    const required = niceAt < 0 || Buffer.byteLength(text.slice(0, niceAt)) > k.first;
    return { name: k.name, category: k.category, required, weight: Math.round((required ? 0.6 + Math.min(0.4, k.count * 0.1) : 0.3) * 100) / 100, count: k.count };
  });
  const yearsM = /(\d+)\+?\s*years/i.exec(text);
  const minYears = yearsM ? Number(yearsM[1]) : 0;
  const seniority = /senior|staff|principal/i.test(t) ? 'senior' : /junior|graduate|intern/i.test(t) ? 'junior' : minYears >= 5 ? 'senior' : minYears >= 2 ? 'mid' : 'unknown';
  const role = ROLE_WORDS.find(([, re]) => re.test(t) || re.test(text.slice(0, 400)));
  return { title: t, role_family: role ? role[0] : '', seniority, min_years: minYears, skills };
}

const SENIORITY_RANK = { unknown: 0, intern: 1, junior: 2, mid: 3, senior: 4, lead: 5 };

export function matchResumeJob(resume, job) {
  const have = new Set(resume.analysis.skills.map((k) => k.name));
  const js = job.analysis.skills;
  const ms = (k) => ({ name: k.name, category: k.category, required: k.required, weight: k.weight });
  const matched = js.filter((k) => have.has(k.name)).map(ms);
  const missing = js.filter((k) => !have.has(k.name)).map(ms);
  const extra = resume.analysis.skills.filter((k) => !js.some((j) => j.name === k.name)).map((k) => ({ name: k.name, category: k.category }));
  const wsum = (arr, req) => arr.filter((k) => k.required === req).reduce((s, k) => s + k.weight, 0);
  const reqAll = wsum(js, true), niceAll = wsum(js, false);
  const reqHit = wsum(matched, true), niceHit = wsum(matched, false);
  const percent = Math.round(100 * (0.8 * (reqAll ? reqHit / reqAll : 1) + 0.2 * (niceAll ? niceHit / niceAll : 1)));
  const formula = `80% × required skills found (weighted ${reqHit.toFixed(2)} of ${reqAll.toFixed(2)}) + 20% × nice-to-have found (${niceHit.toFixed(2)} of ${niceAll.toFixed(2)}) = ${percent}%`;
  const gaps = [...missing].sort((a, b) => Number(b.required) - Number(a.required) || b.weight - a.weight);
  const yearsShort = Math.max(0, job.analysis.min_years - resume.analysis.years);
  const coverage = js.length ? matched.length / js.length : 1;
  const topics = [
    ...matched.slice(0, 3).map((k) => ({ skill: k.name, category: k.category, why: 'on your resume and asked for by the job', kind: 'matched' })),
    ...gaps.slice(0, 2).map((k) => ({ skill: k.name, category: k.category, why: `${k.required ? 'required' : 'wanted'} by the job description, not on your resume`, kind: 'gap' })),
  ];
  return {
    resume_id: resume.id,
    job_id: job.id,
    match: { percent, formula, matched, missing, extra, gaps, seniority_ok: SENIORITY_RANK[resume.analysis.seniority] >= (SENIORITY_RANK[job.analysis.seniority] || 0), years_short: yearsShort },
    ats: atsReport(resume.analysis, { coverage, missing: gaps.map((k) => k.name) }),
    topics,
  };
}
