export function LoadingState({ statsUrl }: { statsUrl: string }) {
  return (
    <section className="empty-state" data-testid="loading-state" aria-busy="true" aria-label="Loading">
      <div className="spinner" aria-hidden="true" />
      <p className="empty-lead">Loading the history from {statsUrl}…</p>
    </section>
  );
}
