/** The Analysis view's daily-profile panel: a series by hour of day, with its seasonal strength. */

import { useState } from "react";

import type { AnalysisResult } from "../../api/types";
import type { PerVariableResult, ProfileFigures, SeasonalFigures } from "../../api/results";
import { ProfileChart } from "../../components/charts/AnalysisCharts";
import { EmptyState } from "../../components/States";
import { profileRows } from "../../lib/shape";
import { formatHour } from "../../lib/time";
import { seriesInfo } from "../../lib/variables";
import { byKind, NotShown, VariablePicker } from "./series";

export function ProfilePanel({ results }: { results: AnalysisResult[] }) {
  const [name, setName] = useState<string>("power_consumption_total");
  const profile = byKind<PerVariableResult<ProfileFigures>>(results, "daily_profile");
  const seasonal = byKind<PerVariableResult<SeasonalFigures>>(results, "seasonal");
  if (!profile) return <EmptyState title="No daily profile stored for this range">Run the analyze step.</EmptyState>;
  const variables = profile.result.variables;
  const entry = variables[name];
  const info = seriesInfo(name);
  const decomposition = seasonal?.result.variables[name];
  return (
    <div>
      <div className="mb-2 flex justify-end">
        <VariablePicker id="profile-series" value={name} onChange={setName} variables={variables} />
      </div>
      {entry?.status === "ok" ? (
        <>
          <ProfileChart rows={profileRows(entry.all, entry.weekday, entry.weekend)} unit={info.unit} color={info.color} what={info.label} />
          <p className="mt-2 text-xs text-slate-600">
            Peaks at {formatHour(entry.peak_hour)} on average.
            {decomposition?.status === "ok"
              ? ` Daily cycle strength ${decomposition.daily.strength.toFixed(2)}${
                  decomposition.weekly ? `, weekly ${decomposition.weekly.strength.toFixed(2)}` : ""
                } (${decomposition.method}, 0 = none, 1 = all of the variation).`
              : ""}
          </p>
        </>
      ) : (
        <NotShown entry={entry} what="profile" />
      )}
    </div>
  );
}
