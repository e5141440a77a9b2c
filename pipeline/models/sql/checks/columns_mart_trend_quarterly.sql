-- Column tests of mart_trend_quarterly (the trends export), a row per failure: the key is unique and
-- never null, and coded columns hold only their accepted values. Key: level, area_code_ods, quarter_start_date.
with keyed as (
    select *, concat_ws(' | ', level, area_code_ods, quarter_start_date) as key_value
    from mart_trend_quarterly
)
select 'duplicate key' as problem, key_value from keyed
group by key_value, level, area_code_ods, quarter_start_date having count(*) > 1
union all
select 'null in the key', key_value from keyed
where level is null or area_code_ods is null or quarter_start_date is null
union all
select 'dataset not demo or live', key_value from keyed
where dataset is null or dataset not in ('demo', 'live')
union all
select 'level not accepted: ' || coalesce(level, 'null'), key_value from keyed
where level is null or level not in ('icb', 'region')
