import { Link } from '../components/Link';
import { PageHeader } from '../components/ui';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" subtitle="The address may be mistyped, or the page has moved." />
      <p>
        <Link href="/" class="btn btn-primary">
          Go to the dashboard
        </Link>
      </p>
    </>
  );
}

export function ForbiddenPage() {
  return (
    <>
      <PageHeader title="Not available to your account" subtitle="This page is for coordinators or admins. Ask an admin if you need access." />
      <p>
        <Link href="/" class="btn btn-primary">
          Go to the dashboard
        </Link>
      </p>
    </>
  );
}
