import { DashboardPage } from "./components/dashboard-page";
import { useDashboard } from "./live/use-dashboard";
import { useFunnel } from "./live/use-funnel";
import { usePipelineHealth } from "./live/use-pipeline-health";
import type { RuntimeConfig } from "./runtime-config";

export function App({ config }: { config: RuntimeConfig }) {
  const view = useDashboard(config);
  const pipeline = usePipelineHealth(config.statsUrl);
  const funnel = useFunnel(config.funnelUrl);
  return <DashboardPage view={view} config={config} pipeline={pipeline} funnel={funnel} />;
}
