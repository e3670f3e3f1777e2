import { Link } from '@tanstack/react-router';

export function NotFound() {
  return (
    <div className="empty">
      <h1>Nothing here</h1>
      <p>
        This address does not match a page. <Link to="/">Back to the overview</Link>
      </p>
    </div>
  );
}
