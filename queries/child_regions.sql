-- title: Child regions
-- description: The regions one level below $adcode in the drill-down (provinces of the nation, prefectures and
--   province-administered counties of a province, counties of a prefecture). A county has none.
-- params:
--   adcode (integer): the parent region (100000 = the nation)
-- columns:
--   adcode: administrative division code of the child
--   level: province, prefecture or county
--   name_zh: name in Chinese
--   name_en: name in English
--   is_poor_county: one of the 832 national poor counties
--   exit_batch_year: 摘帽 batch year (poor counties only)
--   is_guapai_2020: under listed supervision (挂牌督战) in 2020
--   n_children: the child's own child regions (0 = leaf)
WITH children AS (
    SELECT *
    FROM regions
    WHERE parent_adcode = $adcode
)
SELECT adcode, level, name_zh, name_en, is_poor_county, exit_batch_year, is_guapai_2020, n_children
FROM children
ORDER BY adcode;
