"""What moves during a run: the centre, its officials, ticket line, back-office backlog, scanners and
citizens, laid out on the timetable. A run ends with a plain `run_record.RunRecord`, which the results
layer turns into tables and KPIs; the one module that touches SimPy's internals is `simpy_adapter`."""
