-- The forecasts' track record reads solar_predictions by target hour.
CREATE INDEX solar_predictions_by_target ON solar_predictions (zone, target_datetime);
