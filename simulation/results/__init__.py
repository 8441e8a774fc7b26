"""A run record turned into KPIs, per-period waits, satisfaction and charts."""
