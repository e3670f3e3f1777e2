import type { ClusterErrors } from '../api/wireCommon';

/** Says which clusters a list could not read (the rest of the list is still shown). */
export function ClusterErrorBanner({ errors }: { errors: ClusterErrors | undefined }) {
  if (!errors || errors.length === 0) return null;
  return (
    <div className="banner crit" role="status" data-testid="cluster-errors">
      <span>
        {errors.map((e) => (
          <span key={e.cluster} style={{ display: 'block' }}>
            Cluster <strong>{e.cluster}</strong> could not be read ({e.code}): {e.message}
          </span>
        ))}
      </span>
    </div>
  );
}
