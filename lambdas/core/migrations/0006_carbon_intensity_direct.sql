-- Electricity Maps' carbon intensity with the direct emission factor (combustion only),
-- gCO2eq/kWh, beside `carbon_intensity` (the life-cycle factor). It comes from its own
-- request (emissionFactorType=direct), revised on its own: its updatedAt decides, as for the
-- other two sides of a row.

ALTER TABLE electricity_measurements
    ADD COLUMN carbon_intensity_direct            double precision,
    ADD COLUMN carbon_intensity_direct_updated_at timestamptz;
