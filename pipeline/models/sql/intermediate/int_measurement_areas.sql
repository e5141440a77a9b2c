-- depends_on: int_footprint_2026, int_meeting_gaps, int_signal_units, stg_signals
-- What the measurement model sees, per scope x period x area x signal: the units searched (M),
-- the units with a passage tagged for the signal (k) and the meetings expected but without papers
-- (int_meeting_gaps), which it could not search. Scopes: in_force (each ICB on its own
-- papers, per period), fixed_2026 (each 2026 ICB on the papers of every ICB that covered its
-- area, per period) and quarter (each ICB on its meetings in a calendar quarter; period_label is
-- the quarter's first day). Areas with no unit searched are not scored.
with units as (
    select icb_code_ods, period_label, unit_key, meeting_date, signal_id from int_signal_units
),
scoped as (
    select 'in_force' as scope, period_label, icb_code_ods as area_code_ods, unit_key, signal_id
    from units
    union all
    select 'fixed_2026', u.period_label, f.footprint_icb_code_ods, u.icb_code_ods || '|' || u.unit_key,
           u.signal_id
    from units as u
    join int_footprint_2026 as f using (icb_code_ods)
    union all
    select distinct 'quarter', cast(cast(date_trunc('quarter', meeting_date) as date) as varchar),
           icb_code_ods, unit_key, signal_id
    from units
    where meeting_date is not null
),
searched as (
    select scope, period_label, area_code_ods, count(distinct unit_key) as units_searched_count
    from scoped group by all
),
missing as (
    select 'in_force' as scope, period_label, icb_code_ods as area_code_ods, units_missing_count
    from int_meeting_gaps where window_kind = 'period'
    union all
    select 'fixed_2026', g.period_label, f.footprint_icb_code_ods, sum(g.units_missing_count)
    from int_meeting_gaps as g
    join int_footprint_2026 as f using (icb_code_ods)
    where g.window_kind = 'period'
    group by all
    union all
    select 'quarter', period_label, icb_code_ods, units_missing_count
    from int_meeting_gaps where window_kind = 'quarter'
),
evidenced as (
    select scope, period_label, area_code_ods, signal_id,
           count(distinct unit_key) as units_evidenced_count
    from scoped where signal_id is not null group by all
)
select s.scope, s.period_label, s.area_code_ods, g.signal_id, s.units_searched_count,
       coalesce(e.units_evidenced_count, 0) as units_evidenced_count,
       cast(coalesce(m.units_missing_count, 0) as integer) as units_missing_count
from searched as s
cross join stg_signals as g
left join evidenced as e using (scope, period_label, area_code_ods, signal_id)
left join missing as m using (scope, period_label, area_code_ods)
