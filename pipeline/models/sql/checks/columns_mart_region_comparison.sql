-- Column tests of mart_region_comparison (the regions export), a row per failure: the key is unique and
-- never null, and coded columns hold only their accepted values. Key: region_code_ods, period_label, footprint.
with keyed as (
    select *, concat_ws(' | ', region_code_ods, period_label, footprint) as key_value
    from mart_region_comparison
)
select 'duplicate key' as problem, key_value from keyed
group by key_value, region_code_ods, period_label, footprint having count(*) > 1
union all
select 'null in the key', key_value from keyed
where region_code_ods is null or period_label is null or footprint is null
union all
select 'dataset not demo or live', key_value from keyed
where dataset is null or dataset not in ('demo', 'live')
union all
select 'footprint not accepted: ' || coalesce(footprint, 'null'), key_value from keyed
where footprint is null or footprint not in ('in_force', 'fixed_2026')
