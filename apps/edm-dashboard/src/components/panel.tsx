import { type ReactNode, useId } from "react";

interface PanelProps {
  title: string;
  /** A line under the title saying what is counted and over what time. */
  subtitle?: ReactNode;
  /** Something small on the right of the title (a key figure). */
  aside?: ReactNode;
  className?: string;
  testId: string;
  children: ReactNode;
}

/** A panel's content, or one line saying there is nothing to show yet. */
export function UnlessEmpty({
  empty,
  message,
  children,
}: {
  empty: boolean;
  message: string;
  children: ReactNode;
}) {
  return empty ? <p className="panel-empty">{message}</p> : children;
}

/** A card in the dashboard grid; a labelled region so it can be found by its title. */
export function Panel({ title, subtitle, aside, className, testId, children }: PanelProps) {
  const headingId = useId();
  return (
    <section className={`panel ${className ?? ""}`} aria-labelledby={headingId} data-testid={testId}>
      <header className="panel-header">
        <div>
          <h2 id={headingId}>{title}</h2>
          {subtitle && <p className="panel-subtitle">{subtitle}</p>}
        </div>
        {aside && <div className="panel-aside">{aside}</div>}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
