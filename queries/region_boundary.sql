-- title: Boundary of a region
-- description: The shape of the region $adcode itself (the outline around a drill-down map). No rows when the
--   region has no boundary row.
-- params:
--   adcode (integer): the region (100000 = the nation)
-- columns:
--   adcode: the region
--   geojson: simplified geometry (GeoJSON text)
--   centroid_lon: representative point, longitude
--   centroid_lat: representative point, latitude
--   min_lon: bounding box, west
--   min_lat: bounding box, south
--   max_lon: bounding box, east
--   max_lat: bounding box, north
WITH b AS (
    SELECT * FROM boundaries WHERE adcode = $adcode
)
SELECT adcode, geojson, centroid_lon, centroid_lat, bbox[1] AS min_lon, bbox[2] AS min_lat, bbox[3] AS max_lon,
       bbox[4] AS max_lat
FROM b;
