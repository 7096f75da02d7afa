-- Trained solar forecast models, when no MODEL_BUCKET is set (otherwise they live in S3).
-- `bundle` is the zip the predict step writes (Keras model + metadata.json); `metadata` repeats
-- that JSON so the models can be listed without unpacking them.

CREATE TABLE forecast_models (
    version    text PRIMARY KEY,
    zone       text        NOT NULL,
    trained_at timestamptz NOT NULL,
    bundle     bytea       NOT NULL,
    metadata   jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX forecast_models_latest ON forecast_models (zone, trained_at DESC);
