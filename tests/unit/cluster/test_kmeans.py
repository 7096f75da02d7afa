import numpy as np
import pandas as pd
import pytest

from lambdas.cluster.kmeans import cluster_days
from lambdas.cluster.profiles import daily_profiles, normalise


@pytest.fixture(scope="module")
def winter_shapes(la_measurements):
    """Normalised load profiles of 90 LA days, January to March 2019."""
    load = la_measurements["power_consumption_total"]["2019-01-01T08:00Z":"2019-04-01T07:00Z"]
    return normalise(daily_profiles(load)[0])[0]


def weekday_shares(clusters) -> list[float]:
    days = pd.to_datetime(list(clusters.labels.index))
    weekday = pd.Series(days.day_of_week < 5, index=clusters.labels.index)
    return [float(weekday[clusters.labels == label].mean()) for label in range(clusters.k)]


def test_clusters_separate_weekdays_from_weekends(winter_shapes):
    clusters = cluster_days(winter_shapes)
    shares = weekday_shares(clusters)
    # Checked on the data: k = 2, weekday shares 0.95 and 0.12 (holidays join the weekends).
    assert max(shares) - min(shares) > 0.6
    assert max(shares) > 0.9
    assert min(shares) < 0.25
    assert clusters.silhouette > 0.25
    assert set(clusters.silhouette_by_k) == {2, 3, 4, 5, 6}


def test_a_rerun_gives_the_same_labels(winter_shapes):
    first, second = cluster_days(winter_shapes), cluster_days(winter_shapes)
    assert first.labels.equals(second.labels)
    assert np.array_equal(first.centroids.to_numpy(), second.centroids.to_numpy())
    assert first.labels.value_counts().is_monotonic_decreasing  # 0 is the largest cluster


def test_identical_days_cannot_be_clustered():
    shapes = pd.DataFrame(np.ones((20, 24)), columns=range(24))
    with pytest.raises(ValueError, match="distinct"):
        cluster_days(shapes)
