-- title: Income histogram
-- description: Households on the register at the end of $year in the region $adcode with a recorded per-capita
--   net income for $year, in 500-yuan bins from 0 to 20,000 and an open top bin (20,000 and above); incomes below
--   0 count in the first bin. All 41 bins, zero where none. From rollup_income_county_year.
-- params:
--   adcode (integer): the region (100000 = the nation)
--   year (integer): 2014–2020
-- columns:
--   bin_lower: lower bound of the bin, yuan per person per year (inclusive)
--   bin_upper: upper bound, exclusive (NULL for the open top bin)
--   n_households: households in the bin
--   share_households: n_households ÷ households with an income (0–1; NULL when none)
--   poverty_line: the poverty line of $year, yuan per person (the same on every row)
WITH region_counties AS (
    SELECT county_adcode
    FROM rollup_region_bridge
    WHERE adcode = $adcode
),
by_bin AS (
    SELECT ic.bin_lower, sum(ic.n_households)::BIGINT AS n_households
    FROM rollup_income_county_year AS ic
    JOIN region_counties AS rc ON rc.county_adcode = ic.county_adcode
    WHERE ic.year = $year
    GROUP BY ic.bin_lower
),
bins AS (
    SELECT (range * 500)::INTEGER AS bin_lower FROM range(0, 41)
),
filled AS (
    SELECT b.bin_lower, coalesce(bb.n_households, 0) AS n_households
    FROM bins AS b
    LEFT JOIN by_bin AS bb ON bb.bin_lower = b.bin_lower
)
SELECT
    f.bin_lower,
    CASE WHEN f.bin_lower < 20000 THEN f.bin_lower + 500 END AS bin_upper,
    f.n_households,
    f.n_households / nullif(sum(f.n_households) OVER (), 0) AS share_households,
    (SELECT line_yuan FROM poverty_lines WHERE year = $year) AS poverty_line
FROM filled AS f
ORDER BY f.bin_lower;
