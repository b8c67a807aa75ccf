import { DashboardPage } from "./components/dashboard-page";
import { useDashboard } from "./live/use-dashboard";
import { usePipelineHealth } from "./live/use-pipeline-health";
import type { RuntimeConfig } from "./runtime-config";

export function App({ config }: { config: RuntimeConfig }) {
  const view = useDashboard(config);
  const pipeline = usePipelineHealth(config.statsUrl);
  return <DashboardPage view={view} config={config} pipeline={pipeline} />;
}
