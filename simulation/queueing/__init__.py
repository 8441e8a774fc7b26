"""Pure queueing formulas (Erlang B/C/A, square-root staffing, SIPP, MOL): numbers in, numbers out.
Imports nothing else of ours."""
