-- title: Region information
-- description: The region $adcode itself: names, place in the drill-down and its poverty-policy flags.
--   One row, or none for an unknown adcode.
-- params:
--   adcode (integer): the region (100000 = the nation)
-- columns:
--   adcode: administrative division code
--   level: nation, province, prefecture or county
--   name_zh: name in Chinese
--   name_en: name in English
--   parent_adcode: parent in the drill-down (NULL for the nation)
--   province_adcode: province the region belongs to (NULL for the nation)
--   is_poor_county: one of the 832 national poor counties
--   exit_batch_year: year of the 摘帽 batch in which the poor county exited (poor counties only)
--   is_guapai_2020: one of the 52 counties under listed supervision (挂牌督战) in 2020
--   contiguous_area: contiguous area of extreme poverty, where known
--   is_sanqu_sanzhou: in the "three areas and three prefectures"
--   n_children: child regions in the drill-down (0 = leaf)
--   region_ecw: east / central / west (NBS grouping; NULL for the nation)
WITH region AS (
    SELECT *
    FROM regions
    WHERE adcode = $adcode
)
SELECT
    adcode,
    level,
    name_zh,
    name_en,
    parent_adcode,
    province_adcode,
    is_poor_county,
    exit_batch_year,
    is_guapai_2020,
    contiguous_area,
    is_sanqu_sanzhou,
    n_children,
    region_ecw
FROM region;
