/** Loading skeletons, empty states that say why, and error states with a retry. */

import type { ReactNode } from "react";

import type { ApiError } from "../api/client";
import type { Load } from "../hooks/api";

/** A placeholder of the height of what it stands for: `heights` (classes per screen width)
 * where that height depends on the width, so nothing moves when the content comes. */
export function Skeleton({ height = 240, heights, label }: { height?: number; heights?: string; label: string }) {
  return (
    <div
      role="status"
      aria-busy="true"
      aria-label={`Loading ${label}`}
      data-state="loading"
      className={`w-full animate-pulse rounded-lg bg-slate-100 ${heights ?? ""}`}
      style={heights ? undefined : { height }}
    >
      <span className="sr-only">Loading {label}…</span>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div
      data-state="empty"
      className="flex min-h-32 flex-col items-center justify-center rounded-lg border border-dashed border-slate-300 bg-slate-50 p-6 text-center"
    >
      <p className="font-medium text-slate-700">{title}</p>
      {children ? <div className="mt-1 max-w-prose text-sm text-slate-500">{children}</div> : null}
    </div>
  );
}

export function ErrorState({
  what,
  error,
  onRetry,
}: {
  what: string;
  error: ApiError;
  onRetry: () => void;
}) {
  return (
    <div
      role="alert"
      data-state="error"
      className="flex min-h-32 flex-col items-center justify-center gap-2 rounded-lg border border-red-200 bg-red-50 p-6 text-center"
    >
      <p className="font-medium text-red-800">Could not load {what}</p>
      <p className="max-w-prose text-sm text-red-700">
        {error.message}
        {error.status ? <span className="text-red-500"> (HTTP {error.status})</span> : null}
      </p>
      <button
        type="button"
        onClick={onRetry}
        className="mt-1 rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-700"
      >
        Retry
      </button>
    </div>
  );
}

/** Render a load: skeleton, empty (404: nothing stored yet), error with retry, or `children`. */
export function Loading<T>({
  load,
  retry,
  what,
  height,
  heights,
  empty,
  children,
}: {
  load: Load<T>;
  retry: () => void;
  what: string;
  height?: number;
  heights?: string;
  empty?: (error: ApiError) => ReactNode;
  children: (data: T) => ReactNode;
}) {
  switch (load.status) {
    case "loading":
      return <Skeleton height={height} heights={heights} label={what} />;
    case "empty":
      return empty ? (
        <>{empty(load.error)}</>
      ) : (
        <EmptyState title={`Nothing stored yet for ${what}`}>{load.error.message}</EmptyState>
      );
    case "error":
      return <ErrorState what={what} error={load.error} onRetry={retry} />;
    case "ok":
      return <>{children(load.data)}</>;
  }
}
