DROP TABLE hh_full;
DROP TABLE hh_members;
DROP TABLE sel_removed;
DROP TABLE sel_relocated;
DROP TABLE sel_rangers;
DROP TABLE sel_microcredit;
DROP TABLE exit_cdf;
DROP TABLE county_params;
