WITH helped AS (
    SELECT household_id FROM raw_household_years
    WHERE year = $year AND is_helped
      AND county_adcode IN (SELECT descendant FROM raw_subtree WHERE adcode = $adcode)
),
m AS (
    SELECT a.measure_code, count(DISTINCT a.household_id) AS n
    FROM assistance AS a WHERE a.year = $year AND a.household_id IN (SELECT household_id FROM helped)
    GROUP BY a.measure_code
)
SELECT ms.measure_code, ms.name_zh, ms.name_en, coalesce(m.n, 0) AS n_households,
    coalesce(m.n, 0) / nullif((SELECT count(*) FROM helped), 0) AS share_households,
    (SELECT count(*) FROM helped) AS n_base
FROM measures AS ms LEFT JOIN m ON m.measure_code = ms.measure_code
ORDER BY ms.measure_code;
