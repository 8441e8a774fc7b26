"""Many runs: replications, paired comparisons, sweeps, the Dask runner, targets, the planner and its
analytic baselines."""
