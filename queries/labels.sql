-- title: Code labels
-- description: Chinese and English labels of every coded column, by domain in display order.
-- params:
-- columns:
--   domain: the coded column's domain (e.g. sex, education, health, labour, housing_route)
--   code: the code
--   sort_order: display order within the domain
--   name_zh: label in Chinese
--   name_en: label in English
WITH l AS (
    SELECT * FROM labels
)
SELECT domain, code, sort_order, name_zh, name_en
FROM l
ORDER BY domain, sort_order, code;
