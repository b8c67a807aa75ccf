import type { PipelineHealth } from "@edm/schema";
import { formatCount } from "../format";
import type { PipelineState } from "../live/use-pipeline-health";
import { CONDITION_WORDS, formatRate, groupCondition } from "../logic/pipeline-view";
import { Panel } from "./panel";

/** Consumer-group lag, dead letters, events written versus counted, and each service's readiness. */
export function PipelinePanel({ state }: { state: PipelineState }) {
  const { health, problem } = state;
  return (
    <Panel
      title="Pipeline health"
      subtitle="From edm-stats's GET /api/pipeline: Kafka's committed offsets and each service's /readyz"
      className="span-12 pipeline-panel"
      testId="panel-pipeline"
    >
      {problem && (
        <p className="pipeline-problem" role="status">
          {health ? "Figures below may be out of date: " : ""}
          {problem}
        </p>
      )}
      {!health && !problem && <p className="panel-empty">Asking edm-stats…</p>}
      {health && <PipelineFigures health={health} />}
    </Panel>
  );
}

function PipelineFigures({ health }: { health: PipelineHealth }) {
  return (
    <div className="pipeline">
      <ul className="pipeline-services" aria-label="Readiness">
        {health.services.map((service) => (
          <li
            key={service.name}
            data-testid={`pipeline-service-${service.name}`}
            className={`pipeline-service ready-${String(service.ready)}`}
            title={service.detail}
          >
            <span className="badge-dot" />
            {service.name}:{" "}
            <strong>{service.ready === null ? "unknown" : service.ready ? "ready" : "not ready"}</strong>
            {service.detail && <span className="pipeline-detail"> ({service.detail})</span>}
          </li>
        ))}
      </ul>
      <dl className="pipeline-figures">
        <div>
          <dt>Written</dt>
          <dd data-testid="pipeline-written">{formatRate(health.eventsPerSecond.written)}</dd>
        </div>
        <div>
          <dt>Counted</dt>
          <dd data-testid="pipeline-counted">{formatRate(health.eventsPerSecond.counted)}</dd>
        </div>
        <div>
          <dt>Dead-lettered</dt>
          <dd data-testid="pipeline-dead-letters">{formatCount(health.deadLetters ?? undefined)}</dd>
        </div>
      </dl>
      {health.kafkaProblem && <p className="pipeline-problem">{health.kafkaProblem}</p>}
      <table className="pipeline-groups">
        <thead>
          <tr>
            <th scope="col">Consumer group</th>
            <th scope="col">Lag (records)</th>
            <th scope="col">Members</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {health.groups.map((group) => {
            const condition = groupCondition(group);
            return (
              <tr
                key={group.group}
                data-testid={`pipeline-group-${group.group}`}
                className={`condition-${condition}`}
              >
                <th scope="row">{group.group}</th>
                <td data-testid="pipeline-lag">{formatCount(group.lag)}</td>
                <td>{group.members}</td>
                <td>{CONDITION_WORDS[condition]}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
