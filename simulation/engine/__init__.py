"""What moves during a run: the centre, its officials, ticket line, back-office backlog, scanners and
citizens, laid out on the timetable; the one module that touches SimPy's internals is `simpy_adapter`."""
