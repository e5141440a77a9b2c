-- Column tests of mart_national_summary (the national export), a row per failure: the key is unique and
-- never null, and coded columns hold only their accepted values. Key: footprint, period_label.
with keyed as (
    select *, concat_ws(' | ', footprint, period_label) as key_value
    from mart_national_summary
)
select 'duplicate key' as problem, key_value from keyed
group by key_value, footprint, period_label having count(*) > 1
union all
select 'null in the key', key_value from keyed
where footprint is null or period_label is null
union all
select 'dataset not demo or live', key_value from keyed
where dataset is null or dataset not in ('demo', 'live')
union all
select 'footprint not accepted: ' || coalesce(footprint, 'null'), key_value from keyed
where footprint is null or footprint not in ('in_force', 'fixed_2026')
