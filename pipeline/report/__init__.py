"""The static HTML report: notebooks executed headless, ICB profiles, evidence packs, downloads."""
