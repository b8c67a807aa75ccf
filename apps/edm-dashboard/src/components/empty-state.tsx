interface EmptyStateProps {
  shopUrl?: string | undefined;
  /** Set while stats has not answered: history may exist that cannot be shown yet. */
  statsProblem?: string | undefined;
}

/** Shown while there is nothing to chart: says what to do to get data. */
export function EmptyState({ shopUrl, statsProblem }: EmptyStateProps) {
  return (
    <section className="empty-state" data-testid="empty-state" aria-labelledby="empty-title">
      <svg className="empty-art" viewBox="0 0 120 96" aria-hidden="true">
        <rect x="6" y="62" width="14" height="22" rx="3" fill="#c7c9f7" />
        <rect x="26" y="48" width="14" height="36" rx="3" fill="#a5a8f3" />
        <rect x="46" y="56" width="14" height="28" rx="3" fill="#c7c9f7" />
        <rect x="66" y="34" width="14" height="50" rx="3" fill="#7f84ee" />
        <rect x="86" y="18" width="14" height="66" rx="3" fill="#4f46e5" />
        <path d="M4 88h112" stroke="#d6d9e3" strokeWidth="2" strokeLinecap="round" />
        <circle cx="104" cy="10" r="5" fill="#7dd8d3" />
      </svg>
      <h2 id="empty-title">No clicks yet</h2>
      <p className="empty-lead">
        Open the shop and click around. Every page you open and every button you press shows up here within a
        second.
      </p>
      {shopUrl ? (
        <>
          <a className="button-link" href={shopUrl} target="_blank" rel="noreferrer">
            Open the shop <span aria-hidden="true">↗</span>
          </a>
          <p className="empty-hint">{shopUrl}</p>
        </>
      ) : (
        <p className="empty-hint">The shop is the edm-ui app (locally on port 3000).</p>
      )}
      {statsProblem && (
        <p className="empty-warning">
          Past events cannot be shown yet: {statsProblem}. Retrying; live events still appear here meanwhile.
        </p>
      )}
    </section>
  );
}
