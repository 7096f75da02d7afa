/** Analysis: load trend in words, daily profile, correlation matrix, load distribution. */

import { endpoints } from "../api/endpoints";
import type { AnalysisRange } from "../api/types";
import { Panel } from "../components/Panel";
import { Loading } from "../components/States";
import { useEndpoint } from "../hooks/api";
import { CorrelationPanel } from "./analysis/CorrelationPanel";
import { DistributionPanel } from "./analysis/DistributionPanel";
import { ProfilePanel } from "./analysis/ProfilePanel";
import { TrendPanel } from "./analysis/TrendPanel";

export function Analysis({ range }: { range: AnalysisRange }) {
  const trend = useEndpoint(`trend:${range}`, (c, s) => endpoints.trend(c, range, s));
  const seasonal = useEndpoint(`seasonal:${range}`, (c, s) => endpoints.seasonal(c, range, s));
  const correlations = useEndpoint(`correlations:${range}`, (c, s) => endpoints.correlations(c, range, s));
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Panel title="Trend" subtitle="daily means, rolling mean and a robust trend line" id="trend" className="lg:col-span-2">
        <Loading load={trend.load} retry={trend.retry} what="the trend" heights="h-[472px] sm:h-[392px] lg:h-[372px]">
          {(result) => <TrendPanel result={result} />}
        </Loading>
      </Panel>
      <Panel title="Daily profile" subtitle="by hour of day, Los Angeles time" id="profile">
        <Loading load={seasonal.load} retry={seasonal.retry} what="the daily profile" heights="h-[400px] sm:h-[364px] lg:h-[380px]">
          {(results) => <ProfilePanel results={results} />}
        </Loading>
      </Panel>
      <Panel title="Correlations" subtitle="between the hourly series of the range" id="correlations">
        <Loading load={correlations.load} retry={correlations.retry} what="the correlations" heights="h-[856px] sm:h-[840px]">
          {(data) => <CorrelationPanel data={data} />}
        </Loading>
      </Panel>
      <Panel title="Load distribution" subtitle="how often each level of load occurred" id="distribution" className="lg:col-span-2">
        <Loading load={seasonal.load} retry={seasonal.retry} what="the load distribution" heights="h-[456px] lg:h-[240px]">
          {(results) => <DistributionPanel results={results} />}
        </Loading>
      </Panel>
    </div>
  );
}
