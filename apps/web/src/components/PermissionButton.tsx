import { useId, type ButtonHTMLAttributes } from 'react';
import type { Role } from '../app/permission.model';
import { useSession } from '../app/useSession';

/**
 * A button for an action that needs a role. When the caller may not use it, it stays visible and focusable
 * but disabled (`aria-disabled`), says why in its tooltip and in a description (`aria-describedby`), and
 * ignores clicks.
 */
export function PermissionButton({
  need = 'operator',
  write = true,
  disabled,
  onClick,
  className,
  title,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { need?: Role; write?: boolean }) {
  const { allows } = useSession();
  const id = useId();
  const verdict = allows(need, write);
  if (verdict.allowed) {
    return (
      <button
        type="button"
        {...rest}
        className={className}
        title={title}
        disabled={disabled}
        onClick={onClick}
      />
    );
  }
  return (
    <>
      <button
        type="button"
        {...rest}
        className={`${className ?? ''} refused`.trim()}
        aria-disabled="true"
        aria-describedby={`${id}-why`}
        title={verdict.reason}
        data-refused={verdict.reason}
        onClick={(e) => e.preventDefault()}
      />
      <span id={`${id}-why`} className="sr-only">
        {verdict.reason}
      </span>
    </>
  );
}
