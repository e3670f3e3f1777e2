import { Link } from '@tanstack/react-router';
import { visiblePages } from './keyboard.model';
import { useSession } from './useSession';

export function SideNav() {
  const { role } = useSession();
  return (
    <nav className="sidenav" aria-label="Main">
      <ul>
        {visiblePages(role).map((page) => (
          <li key={page.id}>
            <Link
              to={page.path}
              activeOptions={{ exact: page.path === '/', includeSearch: false }}
              activeProps={{ 'aria-current': 'page', className: 'active' }}
            >
              <span>{page.label}</span>
              <kbd aria-hidden="true">g {page.key}</kbd>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
