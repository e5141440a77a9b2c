-- Every trend row names its area by ODS and ONS code.
select level, area_code_ods, quarter_start_date from mart_trend_quarterly
where area_code_ods is null or area_code_ons is null or area_name is null
