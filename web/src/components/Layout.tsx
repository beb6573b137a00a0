// The frame around every signed-in page: skip link, header with navigation
// (collapsed behind a menu button on narrow screens), and the main landmark.

import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { User } from '../api/types';
import { useLocation } from '../router';
import { signOut } from '../session';
import { Link } from './Link';

interface NavItem {
  href: string;
  label: string;
  roles?: User['role'][];
  /** Paths that also highlight this item. */
  prefix?: string;
}

const NAV: NavItem[] = [
  { href: '/', label: 'Dashboard' },
  { href: '/interviews/new', label: 'New interview' },
  { href: '/resumes', label: 'Resumes', prefix: '/resumes' },
  { href: '/jobs', label: 'Jobs', prefix: '/jobs' },
  { href: '/questions', label: 'Question bank', roles: ['coordinator', 'admin'], prefix: '/questions' },
  { href: '/students', label: 'Students', roles: ['coordinator', 'admin'], prefix: '/students' },
  { href: '/users', label: 'Users', roles: ['admin'], prefix: '/users' },
];

const ROLE_NAMES: Record<User['role'], string> = { student: 'Student', coordinator: 'Coordinator', admin: 'Admin' };

export function Layout(props: { user: User | null; children: ComponentChildren }) {
  const { path } = useLocation();
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [path]);
  const user = props.user;
  const items = user ? NAV.filter((n) => !n.roles || n.roles.includes(user.role)) : [];
  const isCurrent = (n: NavItem) => (n.prefix ? path.startsWith(n.prefix) : path === n.href);
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <div class="topbar-inner">
          <Link href={user ? '/' : '/login'} class="brand" aria-label="Candor home">
            <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
              <rect width="32" height="32" rx="7" class="brand-mark" />
              <path d="M21.5 11.2a7 7 0 1 0 0 9.6" class="brand-c" />
            </svg>
            <span>Candor</span>
          </Link>
          {user ? (
            <>
              <button
                type="button"
                class="menu-button"
                aria-expanded={open ? 'true' : 'false'}
                aria-controls="primary-nav"
                onClick={() => setOpen(!open)}
              >
                <span class="sr-only">Menu</span>
                <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
                  <path d={open ? 'M6 6l12 12M18 6L6 18' : 'M4 7h16M4 12h16M4 17h16'} class="icon-stroke" />
                </svg>
              </button>
              <nav id="primary-nav" class={`nav${open ? ' open' : ''}`} aria-label="Main">
                <ul>
                  {items.map((n) => (
                    <li key={n.href}>
                      <Link href={n.href} aria-current={isCurrent(n) ? 'page' : undefined}>
                        {n.label}
                      </Link>
                    </li>
                  ))}
                </ul>
                <div class="account">
                  <span class="account-name" data-testid="account-name">
                    {user.name}
                    <span class="role-tag">{ROLE_NAMES[user.role]}</span>
                  </span>
                  <button type="button" class="btn btn-ghost btn-sm" onClick={() => void signOut()}>
                    Sign out
                  </button>
                </div>
              </nav>
            </>
          ) : null}
        </div>
      </header>
      <main id="main" class="main" tabIndex={-1}>
        {props.children}
      </main>
      <footer class="footer">
        <p>Candor · interview practice with explainable feedback</p>
      </footer>
    </>
  );
}
