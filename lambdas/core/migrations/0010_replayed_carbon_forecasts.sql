-- Carbon forecasts issued after the fact from the data before each issue (the demo's track
-- record from its start, lambdas/predict/carbon/replay.py), kept apart from the live ones as
-- the solar forecast's are (0009).
ALTER TABLE carbon_intensity_forecasts ADD COLUMN replayed boolean NOT NULL DEFAULT false;
