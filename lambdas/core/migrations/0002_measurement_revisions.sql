-- Each measurement row merges two upstream records (power-breakdown and carbon-intensity) that
-- are revised independently. Their own updatedAt lets an upsert take a newer revision of one
-- without losing or freezing the other; source_updated_at stays the newest of the two.

ALTER TABLE electricity_measurements
    ADD COLUMN power_breakdown_updated_at  timestamptz,
    ADD COLUMN carbon_intensity_updated_at timestamptz;
