WITH hh AS (
    SELECT CASE WHEN size >= 8 THEN 8 ELSE size END AS s FROM households
    WHERE removed_year IS NULL AND county_adcode IN (SELECT descendant FROM raw_subtree WHERE adcode = $adcode)
)
SELECT r.range::UTINYINT AS size, CASE WHEN r.range = 8 THEN '8+' ELSE r.range::VARCHAR END AS size_label,
    (SELECT count(*) FROM hh WHERE s = r.range) AS n_households,
    (SELECT count(*) FROM hh WHERE s = r.range) / nullif((SELECT count(*) FROM hh), 0) AS share_households
FROM range(1, 9) AS r
ORDER BY size;
