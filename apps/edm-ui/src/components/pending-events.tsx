import { useTrackingStatus } from "../tracking/tracking-context";

/** A quiet line in the footer: are this visit's clicks with the relay yet? */
export function PendingEvents() {
  const { pending, state, lastError } = useTrackingStatus();
  const text =
    state === "idle"
      ? "All activity sent"
      : state === "retrying"
        ? `${pending} ${pending === 1 ? "event" : "events"} saved, waiting for the relay`
        : `Sending ${pending} ${pending === 1 ? "event" : "events"}…`;
  return (
    <p
      className={`pending-events pending-${state}`}
      data-testid="pending-events"
      data-pending={pending}
      data-state={state}
      title={lastError ? `Last attempt: ${lastError}` : undefined}
    >
      <span className="pending-dot" aria-hidden="true" />
      {text}
    </p>
  );
}
