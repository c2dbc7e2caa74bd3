"""Snapshot builder: schema, synthetic generator, roll-ups and calibration."""
