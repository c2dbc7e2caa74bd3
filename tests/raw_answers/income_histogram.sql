WITH hh AS (
    SELECT CASE $year WHEN 2014 THEN income_2014 WHEN 2015 THEN income_2015 WHEN 2016 THEN income_2016
                      WHEN 2017 THEN income_2017 WHEN 2018 THEN income_2018 WHEN 2019 THEN income_2019
                      ELSE income_2020 END AS income
    FROM raw_household_years
    WHERE year = $year AND is_on_register
      AND county_adcode IN (SELECT descendant FROM raw_subtree WHERE adcode = $adcode)
),
binned AS (
    SELECT CASE WHEN income >= 20000 THEN 20000 WHEN income < 0 THEN 0 ELSE (income // 500) * 500 END AS b
    FROM hh WHERE income IS NOT NULL
)
SELECT (r.range * 500)::INTEGER AS bin_lower,
    CASE WHEN r.range < 40 THEN (r.range * 500 + 500)::INTEGER END AS bin_upper,
    (SELECT count(*) FROM binned WHERE b = r.range * 500) AS n_households,
    (SELECT count(*) FROM binned WHERE b = r.range * 500) / nullif((SELECT count(*) FROM binned), 0)
        AS share_households,
    (SELECT line_yuan FROM poverty_lines WHERE year = $year) AS poverty_line
FROM range(0, 41) AS r
ORDER BY bin_lower;
