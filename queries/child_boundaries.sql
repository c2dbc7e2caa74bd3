-- title: Boundaries of the child regions (map)
-- description: The shapes of the child regions of $adcode (as child_regions) for the map; for a leaf region such
--   as a county, its own shape. Regions without a boundary row are left out.
-- params:
--   adcode (integer): the parent region (100000 = the nation)
-- columns:
--   adcode: the region drawn
--   geojson: simplified geometry (GeoJSON text)
--   centroid_lon: representative point, longitude
--   centroid_lat: representative point, latitude
--   min_lon: bounding box, west
--   min_lat: bounding box, south
--   max_lon: bounding box, east
--   max_lat: bounding box, north
WITH shown AS (
    SELECT adcode FROM regions WHERE parent_adcode = $adcode
    UNION ALL
    SELECT adcode FROM regions WHERE adcode = $adcode AND n_children = 0
)
SELECT
    b.adcode,
    b.geojson,
    b.centroid_lon,
    b.centroid_lat,
    b.bbox[1] AS min_lon,
    b.bbox[2] AS min_lat,
    b.bbox[3] AS max_lon,
    b.bbox[4] AS max_lat
FROM boundaries AS b
JOIN shown AS s ON s.adcode = b.adcode
ORDER BY b.adcode;
