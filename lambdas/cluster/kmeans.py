"""K-Means on normalised daily profiles, k chosen by silhouette, seeded and relabelled so a
rerun on the same data gives the same labels."""

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score

K_CANDIDATES = (2, 3, 4, 5, 6)
SEED = 0
N_INIT = 10
MIN_CLUSTER_DAYS = 3
MIN_CLUSTER_SHARE = 0.03
MAX_REFITS = 2


@dataclass(frozen=True)
class DayClusters:
    """Labels per day (0 = the largest cluster), centroids (k x 24), fit quality, and the
    odd days set aside from the fit (labelled with their nearest centroid all the same)."""

    k: int
    labels: pd.Series
    centroids: pd.DataFrame
    silhouette: float
    silhouette_by_k: dict[int, float]
    distances: pd.Series
    set_aside: list[Any]


def candidate_ks(shapes: pd.DataFrame, candidates: tuple[int, ...] = K_CANDIDATES) -> list[int]:
    """The k that silhouette can judge here: 2 <= k < days and k <= distinct shapes."""
    distinct = len(shapes.round(9).drop_duplicates())
    return [k for k in candidates if 2 <= k < len(shapes) and k <= distinct]


def cluster_days(shapes: pd.DataFrame, candidates: tuple[int, ...] = K_CANDIDATES) -> DayClusters:
    """Fit K-Means for each candidate k, keep the best silhouette (the smaller k on a tie).

    A cluster of fewer than `min_cluster_days` days is a few odd days, not a pattern (and
    silhouette favours isolating them): they are set aside and the fit repeated without them,
    up to MAX_REFITS times. Every day is then labelled with its nearest centroid, so an odd day
    is far from its centroid and shows up as an anomaly. Raises ValueError when no k can be
    judged (see `candidate_ks`).
    """
    fitted, model, scores = _best_fit(shapes, candidates)
    for _ in range(MAX_REFITS):
        sizes = np.bincount(model.labels_, minlength=model.n_clusters)
        small = np.isin(model.labels_, np.flatnonzero(sizes < min_cluster_days(len(fitted))))
        if not small.any() or not candidate_ks(fitted[~small], candidates):
            break
        fitted, model, scores = _best_fit(fitted[~small], candidates)
    labels, centroids = _relabel(model.labels_, model.cluster_centers_)
    values = shapes.to_numpy(dtype=float)
    every = np.argmin(np.linalg.norm(values[:, None, :] - centroids[None], axis=2), axis=1)
    every[shapes.index.get_indexer(fitted.index)] = labels
    return DayClusters(
        k=model.n_clusters,
        labels=pd.Series(every, index=shapes.index, name="cluster"),
        centroids=pd.DataFrame(centroids, columns=shapes.columns),
        silhouette=scores[model.n_clusters],
        silhouette_by_k=scores,
        distances=pd.Series(
            np.linalg.norm(values - centroids[every], axis=1), index=shapes.index, name="distance"
        ),
        set_aside=[day for day in shapes.index if day not in set(fitted.index)],
    )


def min_cluster_days(n_days: int) -> int:
    """Fewest days a cluster needs to count as a pattern."""
    return max(MIN_CLUSTER_DAYS, math.ceil(MIN_CLUSTER_SHARE * n_days))


def _best_fit(
    shapes: pd.DataFrame, candidates: tuple[int, ...]
) -> tuple[pd.DataFrame, KMeans, dict[int, float]]:
    ks = candidate_ks(shapes, candidates)
    if not ks:
        raise ValueError("too few distinct days to compare two or more clusters")
    values = shapes.to_numpy(dtype=float)
    fits = {k: KMeans(n_clusters=k, n_init=N_INIT, random_state=SEED).fit(values) for k in ks}
    scores = {k: float(silhouette_score(values, fits[k].labels_)) for k in ks}
    best = max(ks, key=lambda k: (round(scores[k], 9), -k))
    return shapes, fits[best], scores


def _relabel(labels: np.ndarray, centroids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Number clusters by size (largest first), then by first day seen: stable across reruns."""
    sizes = np.bincount(labels, minlength=len(centroids))
    first_seen = [int(np.argmax(labels == old)) for old in range(len(centroids))]
    order = sorted(range(len(centroids)), key=lambda old: (-sizes[old], first_seen[old]))
    mapping = np.empty(len(order), dtype=int)
    for new, old in enumerate(order):
        mapping[old] = new
    return mapping[labels], centroids[order]
