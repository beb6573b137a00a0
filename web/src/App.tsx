// Routing table, sign-in guard, role guard and focus management after
// navigation (focus moves to the new page's heading so screen readers
// announce it, as a full page load would).

import type { VNode } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Role, User } from './api/types';
import { Layout } from './components/Layout';
import { Loading } from './components/ui';
import { GoogleCallbackPage, LoginPage, RegisterPage } from './pages/Auth';
import { DashboardPage } from './pages/Dashboard';
import { InterviewRoomPage } from './pages/InterviewRoom';
import { JobDetailPage, JobsPage } from './pages/Jobs';
import { MatchPage } from './pages/Match';
import { ForbiddenPage, NotFoundPage } from './pages/Misc';
import { NewInterviewPage } from './pages/NewInterview';
import { StudentDetailPage, StudentsPage, UsersPage } from './pages/People';
import { QuestionEditPage, QuestionsPage } from './pages/Questions';
import { ReportPage } from './pages/Report';
import { ResumeDetailPage, ResumesPage } from './pages/Resumes';
import { matchRoute, navigate, useLocation, withQuery } from './router';
import { useSession } from './session';

interface Route {
  path: string;
  /** Shown to signed-out visitors only (signed-in users go to the dashboard). */
  guest?: boolean;
  /** Shown to everyone. */
  open?: boolean;
  roles?: Role[];
  render: (params: Record<string, string>, user: User | null) => VNode;
}

const STAFF: Role[] = ['coordinator', 'admin'];

const ROUTES: Route[] = [
  { path: '/login', guest: true, render: () => <LoginPage /> },
  { path: '/register', guest: true, render: () => <RegisterPage /> },
  { path: '/auth/google', open: true, render: () => <GoogleCallbackPage /> },
  { path: '/', render: (_, u) => <DashboardPage user={u!} /> },
  { path: '/interviews/new', render: () => <NewInterviewPage /> },
  { path: '/interviews/:id', render: (p) => <InterviewRoomPage key={p.id} id={p.id!} /> },
  { path: '/interviews/:id/report', render: (p) => <ReportPage id={p.id!} /> },
  { path: '/resumes', render: () => <ResumesPage /> },
  { path: '/resumes/:id', render: (p) => <ResumeDetailPage key={p.id} id={p.id!} /> },
  { path: '/resumes/:id/match/:jobId', render: (p) => <MatchPage key={`${p.id}/${p.jobId}`} resumeId={p.id!} jobId={p.jobId!} /> },
  { path: '/jobs', render: () => <JobsPage /> },
  { path: '/jobs/:id', render: (p) => <JobDetailPage key={p.id} id={p.id!} /> },
  { path: '/questions', roles: STAFF, render: () => <QuestionsPage /> },
  { path: '/questions/new', roles: STAFF, render: () => <QuestionEditPage id={null} /> },
  { path: '/questions/:id/edit', roles: STAFF, render: (p) => <QuestionEditPage key={p.id} id={p.id!} /> },
  { path: '/students', roles: STAFF, render: () => <StudentsPage /> },
  { path: '/students/:id', roles: STAFF, render: (p) => <StudentDetailPage id={p.id!} /> },
  { path: '/users', roles: ['admin'], render: (_, u) => <UsersPage me={u!} /> },
];

function resolve(path: string): { route: Route | null; params: Record<string, string> } {
  for (const route of ROUTES) {
    const params = matchRoute(route.path, path);
    if (params) return { route, params };
  }
  return { route: null, params: {} };
}

export function App() {
  const { path } = useLocation();
  const { user, ready } = useSession();
  const { route, params } = resolve(path);
  const firstRender = useRef(true);

  const redirect = !ready ? null : route?.guest && user ? '/' : route && !route.guest && !route.open && !user ? withQuery('/login', { next: path === '/' ? '' : path }) : null;

  useEffect(() => {
    if (redirect) navigate(redirect, { replace: true });
  }, [redirect]);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    // After the new page has rendered, land on its heading.
    const t = setTimeout(() => {
      const h = document.querySelector<HTMLElement>('main h1');
      (h ?? document.getElementById('main'))?.focus({ preventScroll: true });
    }, 0);
    return () => clearTimeout(t);
  }, [path]);

  if (!ready || redirect) {
    return (
      <Layout user={null}>
        <Loading />
      </Layout>
    );
  }
  let page: VNode;
  if (!route) page = <NotFoundPage />;
  else if (route.roles && (!user || !route.roles.includes(user.role))) page = <ForbiddenPage />;
  else page = route.render(params, user);
  return <Layout user={route?.guest ? null : user}>{page}</Layout>;
}
