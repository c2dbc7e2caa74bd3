WITH children AS (SELECT adcode, name_zh, name_en FROM regions WHERE parent_adcode = $adcode),
hh AS (
    SELECT s.adcode, hy.main_cause, count(*) AS n
    FROM raw_household_years AS hy JOIN raw_subtree AS s ON s.descendant = hy.county_adcode
    WHERE hy.year = $year AND hy.is_on_register AND s.adcode IN (SELECT adcode FROM children)
    GROUP BY ALL
)
SELECT c.adcode, c.name_zh, c.name_en, k.cause_code, coalesce(hh.n, 0) AS n_households,
    coalesce(hh.n, 0) / nullif((SELECT sum(n) FROM hh AS t WHERE t.adcode = c.adcode), 0) AS share_households
FROM children AS c CROSS JOIN causes AS k
LEFT JOIN hh ON hh.adcode = c.adcode AND hh.main_cause = k.cause_code
ORDER BY c.adcode, k.cause_code;
