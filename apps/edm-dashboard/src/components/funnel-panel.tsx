import { FUNNEL_STEPS, type FunnelResponse, type FunnelStep } from "@edm/schema";
import { formatCount } from "../format";
import type { FunnelState } from "../live/use-funnel";
import { Panel } from "./panel";

const STEP_WORDS: Record<FunnelStep, string> = {
  visited: "Visited",
  viewedProduct: "Viewed a product",
  addedToCart: "Added to cart",
  checkedOut: "Checked out",
};

/** Sessions of the last 24 hours at each step of the shop's funnel, and the conversion from one step to the next. */
export function FunnelPanel({ state }: { state: FunnelState }) {
  const { funnel, problem } = state;
  return (
    <Panel
      title="Funnel"
      subtitle={`From edm-funnel's GET /api/funnel: sessions started in the last ${funnel?.hours ?? 24} hours, by the furthest step reached`}
      className="span-12 funnel-panel"
      testId="panel-funnel"
    >
      {problem && (
        <p className="pipeline-problem" role="status">
          {funnel ? "Figures below may be out of date: " : ""}
          {problem}
        </p>
      )}
      {!funnel && !problem && <p className="panel-empty">Asking edm-funnel…</p>}
      {funnel && <FunnelSteps funnel={funnel} />}
    </Panel>
  );
}

function FunnelSteps({ funnel }: { funnel: FunnelResponse }) {
  const { sessions, conversion } = funnel.total;
  const widest = Math.max(sessions.visited, 1);
  return (
    <ol className="funnel-steps" aria-label="Funnel steps">
      {FUNNEL_STEPS.map((step) => (
        <li key={step} className="funnel-step" data-testid={`funnel-step-${step}`}>
          <span className="funnel-step-name">{STEP_WORDS[step]}</span>
          <span className="funnel-bar" style={{ width: `${(100 * sessions[step]) / widest}%` }} />
          <strong className="funnel-count" data-testid="funnel-count">
            {formatCount(sessions[step])}
          </strong>
          {step !== "visited" && (
            <span className="funnel-conversion" data-testid="funnel-conversion">
              {formatShare(conversion[step])} of the step before
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}

function formatShare(rate: number): string {
  // One decimal at most: 50%, 33.3%.
  return `${Number((rate * 100).toFixed(1))}%`;
}
