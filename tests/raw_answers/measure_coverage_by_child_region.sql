WITH children AS (SELECT adcode, name_zh, name_en FROM regions WHERE parent_adcode = $adcode),
helped AS (
    SELECT s.adcode, hy.household_id
    FROM raw_household_years AS hy JOIN raw_subtree AS s ON s.descendant = hy.county_adcode
    WHERE hy.year = $year AND hy.is_helped AND s.adcode IN (SELECT adcode FROM children)
),
rows_ AS (
    SELECT DISTINCT h.adcode, h.household_id, a.measure_code
    FROM helped AS h JOIN assistance AS a ON a.household_id = h.household_id AND a.year = $year
),
counts AS (
    SELECT adcode, measure_code, count(*) AS n FROM rows_ GROUP BY ALL
    UNION ALL
    SELECT adcode, 0, count(DISTINCT household_id) FROM rows_ GROUP BY ALL
),
ml AS (
    SELECT 0::UTINYINT AS measure_code, '任一措施' AS name_zh, 'Any measure' AS name_en
    UNION ALL SELECT measure_code, name_zh, name_en FROM measures
),
base AS (SELECT adcode, count(*) AS n_base FROM helped GROUP BY adcode)
SELECT c.adcode, c.name_zh, c.name_en, ml.measure_code, ml.name_zh AS measure_name_zh,
    ml.name_en AS measure_name_en, coalesce(k.n, 0) AS n_households,
    coalesce(k.n, 0) / nullif(b.n_base, 0) AS share_households, coalesce(b.n_base, 0) AS n_base,
    coalesce(b.n_base, 0) - coalesce((SELECT n FROM counts AS a WHERE a.adcode = c.adcode AND a.measure_code = 0), 0)
        AS n_without_measure
FROM children AS c CROSS JOIN ml
LEFT JOIN counts AS k ON k.adcode = c.adcode AND k.measure_code = ml.measure_code
LEFT JOIN base AS b ON b.adcode = c.adcode
ORDER BY c.adcode, ml.measure_code;
