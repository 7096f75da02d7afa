"""The ingest step: Electricity Maps v3 -> electricity_measurements."""
