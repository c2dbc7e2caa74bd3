-- title: Data dictionary
-- description: Every column of the snapshot's registry tables (those of dashboard/build/schema.sql) with its type
--   and bilingual comment ("中文 | English" split in two). Derived tables are left out: the rollup_* aggregates
--   and the calibration report. Tables by name, columns in table order.
-- params:
-- columns:
--   table_name: table
--   column_name: column
--   data_type: DuckDB type
--   comment_zh: the column comment in Chinese (NULL when none)
--   comment_en: the column comment in English (NULL when none)
--   table_comment_zh: the table comment in Chinese (the same on the table's rows)
--   table_comment_en: the table comment in English
WITH tables AS (
    SELECT table_oid, table_name, comment
    FROM duckdb_tables()
    WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary
      AND table_name NOT LIKE 'rollup\_%' ESCAPE '\' AND table_name <> 'calibration'
),
columns AS (
    SELECT t.table_oid, t.table_name, c.column_index, c.column_name, c.data_type,
           nullif(trim(c.comment), '') AS comment, nullif(trim(t.comment), '') AS table_comment
    FROM duckdb_columns() AS c
    JOIN tables AS t ON t.table_oid = c.table_oid
)
SELECT
    table_name,
    column_name,
    data_type,
    CASE WHEN contains(comment, '|') THEN trim(split_part(comment, '|', 1)) END AS comment_zh,
    CASE WHEN contains(comment, '|') THEN trim(substr(comment, strpos(comment, '|') + 1)) ELSE comment END
        AS comment_en,
    CASE WHEN contains(table_comment, '|') THEN trim(split_part(table_comment, '|', 1)) END AS table_comment_zh,
    CASE WHEN contains(table_comment, '|') THEN trim(substr(table_comment, strpos(table_comment, '|') + 1))
         ELSE table_comment END AS table_comment_en
FROM columns
ORDER BY table_name, column_index;
