-- Forecasts issued after the fact from the data before each issue (the demo's track record from
-- its start, lambdas/predict/replay.py) are kept apart from the pipeline's live ones; `night`
-- marks the hours without sunlight (the interval holds the source's night level: its coverage
-- says nothing about the daylight interval). NULL for hours stored before this migration.
ALTER TABLE solar_predictions ADD COLUMN replayed boolean NOT NULL DEFAULT false;
ALTER TABLE solar_predictions ADD COLUMN night boolean;
