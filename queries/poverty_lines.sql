-- title: Poverty lines
-- description: The national poverty line per year, yuan per person per year at current prices.
-- params:
-- columns:
--   year: calendar year
--   line_yuan: poverty line, yuan per person per year
WITH p AS (
    SELECT * FROM poverty_lines
)
SELECT year, line_yuan
FROM p
ORDER BY year;
