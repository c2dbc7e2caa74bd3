-- title: Calibration figures
-- description: Every row of the `calibration` table the builder writes: each published figure measured in the
--   snapshot, with its tolerance and verdict (ok NULL = reported only). The table is part of every built
--   snapshot; a file without it fails with a catalog error rather than pretending to be calibrated.
-- params:
-- columns:
--   figure_id: figure id (data/reference/facts.csv)
--   description_en: description in English
--   description_zh: description in Chinese
--   unit: unit of the figure
--   kind: count, share, mean …
--   confidence: A/B/C source confidence
--   checked: whether the figure is checked (else only reported)
--   source: where the published value comes from
--   published_value: the published figure
--   scale: snapshot scale the expected value is scaled by
--   expected_value: the published value at the snapshot's scale
--   snapshot_value: the value measured in the snapshot
--   error: snapshot − expected, in error_unit
--   error_unit: unit of error and tolerance
--   tolerance: allowed error
--   ok: within tolerance (NULL = reported only)
--   status: pass, fail or info
--   note: remarks
WITH c AS (
    SELECT * FROM calibration
)
SELECT figure_id, description_en, description_zh, unit, kind, confidence, checked, source, published_value, scale,
       expected_value, snapshot_value, error, error_unit, tolerance, ok, status, note
FROM c
ORDER BY figure_id;
