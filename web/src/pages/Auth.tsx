// Sign-in, registration and the Google callback. These pages are shown
// without the navigation: the user is not signed in yet.

import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, errorMessage } from '../api/client';
import type { AuthConfig, Session } from '../api/types';
import { Alert, PageHeader, TextField } from '../components/ui';
import { Link } from '../components/Link';
import { googleAuthUrl, parseGoogleCallback, randomToken, safeNext, type GooglePending } from '../lib/google';
import { hasErrors, validateLogin, validateRegister, type FieldErrors } from '../lib/validate';
import { navigate, useLocation } from '../router';
import { api, loadAuthConfig } from '../session';

const GOOGLE_PENDING_KEY = 'candor.google_pending';

function AuthCard(props: { title: string; subtitle: string; children: ComponentChildren }) {
  return (
    <div class="auth-wrap">
      <section class="card auth-card">
        <PageHeader title={props.title} subtitle={props.subtitle} />
        {props.children}
      </section>
    </div>
  );
}

function useAuthConfig(): AuthConfig | null {
  const [cfg, setCfg] = useState<AuthConfig | null>(null);
  useEffect(() => {
    loadAuthConfig().then(setCfg, () => setCfg(null));
  }, []);
  return cfg;
}

/** Puts the server's complaint next to the field it names, or returns it for the banner. */
function applyServerError(err: unknown, fields: string[], setErrors: (e: FieldErrors) => void): string | null {
  if (err instanceof ApiError && err.field && fields.includes(err.field)) {
    setErrors({ [err.field]: err.message });
    return null;
  }
  return errorMessage(err);
}

/** Moves focus to the first invalid field so keyboard users land on the problem. */
function focusFirstError(form: HTMLFormElement | null): void {
  queueMicrotask(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}

function GoogleButton(props: { clientId: string; next: string }) {
  return (
    <>
      <div class="divider" role="separator">
        <span>or</span>
      </div>
      <button
        type="button"
        class="btn btn-google btn-block"
        onClick={() => {
          const pending: GooglePending = { state: randomToken(), nonce: randomToken(), next: props.next };
          sessionStorage.setItem(GOOGLE_PENDING_KEY, JSON.stringify(pending));
          location.assign(googleAuthUrl(props.clientId, location.origin, pending));
        }}
      >
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
          <path fill="#4285F4" d="M23.5 12.3c0-.8-.1-1.6-.2-2.3H12v4.4h6.5a5.6 5.6 0 0 1-2.4 3.6v3h3.9c2.2-2.1 3.5-5.1 3.5-8.7z" />
          <path fill="#34A853" d="M12 24c3.2 0 6-1.1 8-2.9l-3.9-3c-1.1.7-2.5 1.2-4.1 1.2-3.1 0-5.8-2.1-6.7-5H1.3v3.1A12 12 0 0 0 12 24z" />
          <path fill="#FBBC05" d="M5.3 14.3a7.2 7.2 0 0 1 0-4.6V6.6h-4a12 12 0 0 0 0 10.8l4-3.1z" />
          <path fill="#EA4335" d="M12 4.8c1.8 0 3.3.6 4.6 1.8l3.4-3.4A12 12 0 0 0 1.3 6.6l4 3.1c.9-2.9 3.6-4.9 6.7-4.9z" />
        </svg>
        Sign in with Google
      </button>
    </>
  );
}

export function LoginPage() {
  const { query } = useLocation();
  const cfg = useAuthConfig();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const next = safeNext(query.get('next'));

  async function submit(e: Event) {
    e.preventDefault();
    const errs = validateLogin(email, password);
    setErrors(errs);
    setBanner(null);
    if (hasErrors(errs)) return focusFirstError(form.current);
    setBusy(true);
    try {
      const s = await api.post<Session>('/api/auth/login', { email: email.trim(), password }, { auth: false });
      api.adopt(s);
      navigate(next, { replace: true });
    } catch (err) {
      setBanner(err instanceof ApiError && err.status === 401 ? 'The e-mail or password is not right.' : errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard title="Sign in" subtitle="Practise interviews and see exactly what earned your score.">
      {query.get('expired') ? <Alert kind="info">Your session ended. Please sign in again.</Alert> : null}
      {banner ? <Alert>{banner}</Alert> : null}
      <form ref={form} onSubmit={submit} noValidate>
        <TextField id="email" label="E-mail" type="email" autoComplete="email" value={email} onValue={setEmail} error={errors.email} required />
        <TextField id="password" label="Password" type="password" autoComplete="current-password" value={password} onValue={setPassword} error={errors.password} required />
        <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {cfg?.google_client_id ? <GoogleButton clientId={cfg.google_client_id} next={next} /> : null}
      <p class="auth-switch">
        New to Candor? <Link href="/register">Create an account</Link>
      </p>
    </AuthCard>
  );
}

export function RegisterPage() {
  const cfg = useAuthConfig();
  const [f, setF] = useState({ name: '', email: '', password: '', confirm: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const min = cfg?.password_min_length ?? 10;
  const domains = cfg?.allowed_domains ?? [];
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });

  async function submit(e: Event) {
    e.preventDefault();
    const errs = validateRegister(f, min, domains);
    setErrors(errs);
    setBanner(null);
    if (hasErrors(errs)) return focusFirstError(form.current);
    setBusy(true);
    try {
      const s = await api.post<Session>('/api/auth/register', { name: f.name.trim(), email: f.email.trim(), password: f.password }, { auth: false });
      api.adopt(s);
      navigate('/', { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'conflict') {
        setErrors({ email: 'An account with this e-mail already exists. Sign in instead.' });
        focusFirstError(form.current);
      } else {
        const msg = applyServerError(err, ['name', 'email', 'password'], setErrors);
        if (msg) setBanner(msg);
        else focusFirstError(form.current);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard title="Create your account" subtitle="Free practice interviews with feedback you can act on.">
      {banner ? <Alert>{banner}</Alert> : null}
      <form ref={form} onSubmit={submit} noValidate>
        <TextField id="name" label="Full name" autoComplete="name" value={f.name} onValue={set('name')} error={errors.name} required />
        <TextField
          id="email"
          label="E-mail"
          type="email"
          autoComplete="email"
          value={f.email}
          onValue={set('email')}
          error={errors.email}
          hint={domains.length ? `Use your college address (${domains.map((d) => '@' + d).join(', ')}).` : undefined}
          required
        />
        <TextField
          id="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          value={f.password}
          onValue={set('password')}
          error={errors.password}
          hint={`At least ${min} characters, mixing letters with digits or symbols.`}
          required
        />
        <TextField id="confirm" label="Repeat password" type="password" autoComplete="new-password" value={f.confirm} onValue={set('confirm')} error={errors.confirm} required />
        <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Creating account…' : 'Create account'}
        </button>
      </form>
      {cfg?.google_client_id ? <GoogleButton clientId={cfg.google_client_id} next="/" /> : null}
      <p class="auth-switch">
        Already have an account? <Link href="/login">Sign in</Link>
      </p>
    </AuthCard>
  );
}

export function GoogleCallbackPage() {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let pending: GooglePending | null = null;
    try {
      pending = JSON.parse(sessionStorage.getItem(GOOGLE_PENDING_KEY) ?? 'null') as GooglePending | null;
    } catch {
      pending = null;
    }
    sessionStorage.removeItem(GOOGLE_PENDING_KEY);
    const r = parseGoogleCallback(location.hash, pending);
    // The token must not linger in the address bar or history.
    history.replaceState(null, '', location.pathname);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    api.post<Session>('/api/auth/google', { id_token: r.idToken }, { auth: false }).then(
      (s) => {
        api.adopt(s);
        navigate(safeNext(r.next), { replace: true });
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, []);
  return (
    <AuthCard title="Signing in with Google" subtitle="One moment…">
      {error ? (
        <>
          <Alert>{error}</Alert>
          <p class="auth-switch">
            <Link href="/login">Back to sign in</Link>
          </p>
        </>
      ) : (
        <p role="status">Checking your Google account…</p>
      )}
    </AuthCard>
  );
}
