-- Every ICB row names its ONS code and region.
select icb_code_ods, period_label from mart_icb_scores
where icb_code_ons is null or region_code_ods is null or region_code_ons is null or region_name is null
