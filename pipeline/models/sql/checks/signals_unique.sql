-- One row per ICB, period and signal.
select icb_code_ods, period_label, signal_id, count(*) from mart_icb_signals group by all having count(*) > 1
