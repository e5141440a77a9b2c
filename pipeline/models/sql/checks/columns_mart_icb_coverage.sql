-- Column tests of mart_icb_coverage (the coverage export), a row per failure: the key is unique and
-- never null, and coded columns hold only their accepted values. Key: icb_code_ods, period_label.
with keyed as (
    select *, concat_ws(' | ', icb_code_ods, period_label) as key_value
    from mart_icb_coverage
)
select 'duplicate key' as problem, key_value from keyed
group by key_value, icb_code_ods, period_label having count(*) > 1
union all
select 'null in the key', key_value from keyed
where icb_code_ods is null or period_label is null
union all
select 'dataset not demo or live', key_value from keyed
where dataset is null or dataset not in ('demo', 'live')
union all
select 'coverage_status not accepted: ' || coalesce(coverage_status, 'null'), key_value from keyed
where coverage_status is null or coverage_status not in ('no_site', 'no_papers', 'low_coverage', 'ok')
union all
select 'scrape_status not accepted: ' || coalesce(scrape_status, 'null'), key_value from keyed
where scrape_status not in ('ok', 'no_papers_found', 'site_unreachable', 'no_start_url')
