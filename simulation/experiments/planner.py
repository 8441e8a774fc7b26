"""The staffing planner: the least staff whose KPIs meet every target, with confidence.

Every staffing option is judged by ``reps`` replications on common random
numbers (each option meets the same citizens), and a target counts as met only
when the KPI's whole confidence interval lies on the right side of it
(`simulation.experiments.targets`). The search uses the monotone structure of the problem
(one more official never makes waits longer or dossiers later) instead of
trying every combination:

1. the most staff allowed (every role at ``max_staff``) must meet the targets,
   otherwise `PlanError` says which target stays out of reach and by how much;
2. from the scenario's own staffing (usually close: a centre asks whether its
   staffing is right), greedy marginal search adds one official at a time to
   the role that closes most of the remaining gap until every target is met;
3. then it takes one official at a time from the role whose loss leaves the
   most room, as long as every target stays met: no single role can then lose
   an official without missing a target (with one role, an M/M/c station, this
   is the exact minimum);
4. with ``by="hour"`` or ``"weekday"``, the counters of each period in turn
   (chronologically) are cut by bisection as far as every target, now also
   judged per period of arrival for waiting KPIs, stays met.

Waiting targets are judged in every weekday x hour cell with enough citizens
(``cells``, on by default), not only pooled over the month. The back office
must keep up (``stability``, on by default): an option whose dossier work
exceeds the time its back-office and flexible officials have for it
(`simulation.experiments.workload`) fails without being simulated, and a
simulated option fails when its open backlog grows by more than a few percent
of the weekly intake (`backlog_growth_week`, judged on its mean: the workload bound is the guard that
needs no interval). To judge dossiers at all, the
planner simulates long enough for the longest legal time in the mix, after a
warm-up (`simulation.experiments.horizon`).

An option is first run for a third of the replications; when one of its
targets is then missed with the whole interval on the wrong side, it is judged
failed without the rest (options that pass are always judged on all
replications).
"""
from __future__ import annotations

from typing import Any, Sequence

import pandas as pd

from ..errors import PlanError
from .options import check_reps
from .replications import Replication, Runner, SerialRunner, run_all, summarise
from ..results.periods import PERIOD_KINDS, PERIOD_KPIS, split_key
from .horizon import Horizon, HorizonError, planning_horizon
from ..results.cells import CELL_KPIS
from .plan_cells import MIN_CELL_SERVED, cell_table, judged_cells
from ..i18n import N_, _
from ..scenario.model import Scenario, ScenarioError
from ..scenario.vocabulary import ROLES
from .table_words import Said
from .staffing_options import Staffing, apply_staffing, current_staffing, open_periods
from .plan_result import Evaluation, Plan, certainty, missed
from .targets import Target
from .workload import back_office_balance

__all__ = ["PlanError", "Evaluation", "Plan", "Planner", "plan_staffing"]


STABILITY_SHARE = 0.03   # the backlog may drift by this share of the weekly intake (noise), not more
TEXT = {
    "no_targets": N_("give at least one --target, e.g. \"wait_p90 <= 15min\""),
    "reps": N_("reps = {reps!r}: need at least 2 replications for a confidence interval"),
    "role": N_("role {role!r}: must be one of {roles}"),
    "limits": N_("min_staff = {lo}, max_staff = {hi}: need 0 <= min <= max"),
    "by": N_("by = {by!r}: must be 'hour' or 'weekday'"),
    "by_counter": N_("per-period plans set counters: include the role 'counter'"),
    "no_walk_ins": N_("target {target!r}: no citizen walks in (demand.walk_in_scale = {scale:g}, "
                      "demand.walk_in.rate_per_hour = {rate:g}), so there is no wait to judge; drop the target "
                      "or give walk-ins"),
    "no_value": N_("target {target!r}: {kpi} has no value in this scenario (e.g. no online dossiers or no served "
                   "citizens)"),
    "unstable": N_("the back office cannot keep up: {work:.0f} h of dossier work against {capacity:.0f} h that "
                   "its back-office and flexible officials have for it (load {load:.0%}); the backlog grows"),
    "stability": N_("stability: backlog_growth_week <= {tol:.3g}"),
    "cell": N_("{target} at {cell}"),
    "start": N_("searched from the scenario's own staffing ({label}), {evaluations} staffing options simulated"),
    "kept": N_("roles kept as in the scenario: {kept}"),
    "workload": N_("back office: the workload bound counting the flexible officials' time left after the counter "
                   "is {need}; options below it are not simulated (their backlog grows)"),
    "cells_unjudged": N_("{n} weekday-hour cells with fewer than {min} citizens a replication are not judged: {cells}"),
    "unreachable": N_("no staffing within the limits meets the targets: even {label} (the most allowed, "
                      "--max-staff {hi}) misses {missed}{more}; raise --max-staff, add replications or relax the "
                      "target"),
}


class Planner:
    def __init__(self, scenario: Scenario, targets: Sequence[Target], *, reps: int = 30, seed: int = 1,
                 confidence: float = 0.95, roles: Sequence[str] | None = None, min_staff: int = 1,
                 max_staff: int = 10, runner: Runner | None = None, by: str | None = None,
                 progress: bool = False, stability: bool = True, cells: bool = True,
                 fixed_horizon: bool = False, screen: bool = True):
        if not targets:
            raise PlanError(_(TEXT["no_targets"]))
        check_reps(reps, error=PlanError)
        current = current_staffing(scenario)
        roles = list(roles) if roles else [r for r in ROLES if current[r] > 0] or ["counter"]
        for role in roles:
            if role not in ROLES:
                raise PlanError(_(TEXT["role"]).format(role=role, roles=", ".join(ROLES)))
        if not 0 <= min_staff <= max_staff:
            raise PlanError(_(TEXT["limits"]).format(lo=min_staff, hi=max_staff))
        if by is not None and by not in PERIOD_KINDS:
            raise PlanError(_(TEXT["by"]).format(by=by))
        if by is not None and "counter" not in roles:
            raise PlanError(_(TEXT["by_counter"]))
        walk = scenario.demand.walk_in
        for target in targets:
            if target.kpi in ("wait_mean", "wait_p90", "wait_max", "share_wait_over_target", "queue_mean",
                              "balk_rate", "renege_rate") and walk.rate_per_hour * scenario.demand.walk_in_scale <= 0:
                raise PlanError(_(TEXT["no_walk_ins"]).format(target=target.text, scale=scenario.demand.walk_in_scale,
                                                           rate=walk.rate_per_hour))
        self.notes: list[str] = []
        self.horizon: Horizon | None = None
        if stability:
            try:
                self.horizon = planning_horizon(scenario, fixed=fixed_horizon)
            except HorizonError as exc:
                raise PlanError(str(exc)) from None
            note = self.horizon.note(scenario)
            scenario = self.horizon.apply(scenario)
            if note:
                self.notes.append(note)
        self.scenario, self.targets, self.reps, self.seed = scenario, list(targets), reps, seed
        self.confidence, self.roles, self.by = confidence, roles, by
        self.stability, self.screen = stability, screen and reps >= 9
        self.lo, self.hi = min_staff, max_staff
        self.fixed = {r: n for r, n in current.items() if r not in roles}
        self.start = {r: current[r] for r in roles}  # where the per-role search starts
        self.cell_targets = [t for t in self.targets if t.kpi in CELL_KPIS] if cells else []
        if stability and self.horizon is not None and self.horizon.legal_days:
            balance = back_office_balance(scenario)
            weekly = balance.dossiers / max(scenario.days, 1) * 7
            tolerance = max(2.0, STABILITY_SHARE * weekly)
            self.targets.append(Target("backlog_growth_week", "<=", tolerance, _(TEXT["stability"]).format(tol=tolerance),
                                       on_mean=True))
        periods = tuple(k for k in (by, "cell" if self.cell_targets else None) if k)
        self.periods = periods or None
        self.runner = runner or SerialRunner()
        self._cache: dict[Staffing, Evaluation] = {}
        self._rows: dict[Staffing, pd.DataFrame] = {}
        self._scenarios: dict[Staffing, Scenario] = {}
        self._bar = None
        if progress:
            from tqdm import tqdm

            self._bar = tqdm(unit=_("rep"), desc=_("planning (replications)"))

    # -- judging options -------------------------------------------------------
    def evaluate_many(self, options: Sequence[Staffing], *, full: bool = False) -> list[Evaluation]:
        """Evaluations of the options (cached), their replications run together.

        An option is first run for a third of the replications (when screening); it is judged on
        those alone only when it clearly fails. `full` asks for every replication of every option.
        """
        todo = [o for o in dict.fromkeys(options)
                if o not in self._cache or (full and self._cache[o].valid and self._cache[o].summary["n"].max() < self.reps
                                            and o in self._rows)]
        for option in [o for o in todo if o not in self._scenarios and o not in self._cache]:
            try:
                scenario = apply_staffing(self.scenario, option)
            except ScenarioError as exc:  # e.g. no counter left for paper dossiers: not a workable option
                self._cache[option] = Evaluation(option, pd.DataFrame(), False, [exc.messages[0]], float("inf"), False)
                continue
            if self.stability:
                balance = back_office_balance(scenario)
                if not balance.stable:
                    text = _(TEXT["unstable"]).format(work=balance.work_min / 60, capacity=balance.capacity_min / 60,
                                                   load=balance.load)
                    self._cache[option] = Evaluation(option, pd.DataFrame(), False, [text],
                                                     1e3 * (balance.load - 1 + 0.01), False)
                    continue
            self._scenarios[option] = scenario
        todo = [o for o in todo if o in self._scenarios]
        first = max(3, self.reps // 3) if self.screen and not full else self.reps
        self._run(todo, first)
        unclear = []
        for option in todo:
            evaluation = self._judge(option, self._summary(option))
            self._cache[option] = evaluation
            if not evaluation.meets and self._clearly_fails(evaluation):
                continue
            if self._rows[option]["replication"].nunique() < self.reps:
                unclear.append(option)
        self._run(unclear, self.reps)
        for option in unclear:
            self._cache[option] = self._judge(option, self._summary(option))
        return [self._cache[o] for o in options]

    def _run(self, options: Sequence[Staffing], upto: int) -> None:
        """Run replications of each option up to `upto` (those already run are kept: same seeds)."""
        tasks = []
        for i, option in enumerate(options):
            done = len(self._rows.get(option, ()))
            tasks += [Replication(self._scenarios[option], self.seed, r, labels={"option": i}, periods=self.periods)
                      for r in range(done, upto)]
        if not tasks:
            return
        tick = (lambda *_: self._bar.update(1)) if self._bar is not None else None
        rows = pd.DataFrame(run_all(tasks, self.runner, tick))
        for i, option in enumerate(options):
            new = rows[rows["option"] == i].drop(columns="option")
            if not new.empty:
                self._rows[option] = pd.concat([self._rows[option], new], ignore_index=True) \
                    if option in self._rows else new.reset_index(drop=True)

    def _summary(self, option: Staffing) -> pd.DataFrame:
        return summarise(self._rows[option], self.confidence).set_index("kpi")

    def _clearly_fails(self, evaluation: Evaluation) -> bool:
        """Some target (pooled or in a judged cell) missed with the whole interval on the wrong side:
        no more replications needed."""
        for target, key in self._keys(evaluation.summary):
            if key not in evaluation.summary.index or target.on_mean:
                continue
            row = evaluation.summary.loc[key]
            bound = row["low"] if target.lower_is_better else row["high"]
            if row["n"] >= 2 and bound == bound and not target.holds(bound):
                return True
        return False

    def _keys(self, summary: pd.DataFrame) -> list[tuple[Target, str]]:
        """(target, summary key) of everything judged: each target pooled, per period and per cell."""
        out = []
        for target in self.targets:
            out.append((target, target.kpi))
            if self.by and target.kpi in PERIOD_KPIS:
                out += [(target, k) for k in summary.index
                        if (s := split_key(k)) and s[0] == target.kpi and s[1] == self.by]
            if target in self.cell_targets:
                out += [(target, k) for k in judged_cells(summary, target.kpi)]
        return out

    def evaluate(self, option: Staffing) -> Evaluation:
        return self.evaluate_many([option])[0]

    def _judge(self, option: Staffing, summary: pd.DataFrame) -> Evaluation:
        failing, score = [], 0.0
        for target, key in self._keys(summary):
            row = summary.loc[key] if key in summary.index else None
            if row is None or row["n"] == 0:
                if key == target.kpi:  # nothing measured (e.g. no dossier resolved): not met
                    failing.append(target.text)
                    score += float("inf")
                continue
            if key != target.kpi and row["n"] < 2:
                continue  # a period with almost no citizens cannot be judged
            if not target.met(row["low"], row["high"], row["mean"]):
                failing.append(target.text if key == target.kpi else
                               _(TEXT["cell"]).format(target=target.text, cell=key.split("=", 1)[1]))
                bound = row["high"] if target.lower_is_better else row["low"]
                score += target.shortfall(bound, max(abs(target.threshold), 1e-3))
        return Evaluation(option, summary, not failing, failing, score)

    def _option(self, counts: dict[str, int], plan: dict | None = None) -> Staffing:
        return Staffing.of(counts, self.by if plan else None, plan)

    # -- the search ------------------------------------------------------------
    def plan(self) -> Plan:
        """Search as described in the module docstring; raise PlanError when nothing within the limits works."""
        try:
            return self._search()
        finally:
            if self._bar is not None:
                self._bar.close()

    def _search(self) -> Plan:
        top = self._option({r: self.hi for r in self.roles})
        best = self.evaluate(top)
        for target in self.targets:
            if best.valid and (target.kpi not in best.summary.index or best.summary.loc[target.kpi, "n"] == 0):
                raise PlanError(_(TEXT["no_value"]).format(target=target.text, kpi=target.kpi))
        if not best.meets:
            raise PlanError(self._unreachable(best))
        start = {r: min(max(self.start[r], self.lo), self.hi) for r in self.roles}
        current = self.evaluate(self._option(start))
        while not current.meets:
            counts = current.staffing.as_dict
            steps = [self._option({**counts, r: counts[r] + 1}) for r in self.roles if counts[r] < self.hi]
            if not steps:  # noise broke monotonicity: fall back on the most staff allowed
                current = best
                break
            tried = self.evaluate_many(steps)
            current = min(tried, key=lambda e: (not e.meets, e.score, ROLES.index(self._added(counts, e))))
        if current.meets:
            current = self._trim(current)
        chosen = current
        if self.by:
            chosen = self._per_period(current)
        chosen = self.evaluate_many([chosen.staffing], full=True)[0]
        curve = self.curve(current.staffing)
        return Plan(chosen.staffing, chosen, self.targets, self.confidence, self.reps, curve,
                    self.certainty(chosen), len(self._cache), self._notes(start, chosen), self.scenario,
                    self._scenarios.get(chosen.staffing), self.cell_table(chosen))

    def _trim(self, current: Evaluation) -> Evaluation:
        """Take one official at a time from the role whose loss leaves the most room, while every
        target stays met (the search starts from the scenario's own staffing, often above the least)."""
        while True:
            counts = current.staffing.as_dict
            steps = [self._option({**counts, r: counts[r] - 1}) for r in self.roles if counts[r] - 1 >= self.lo]
            passing = [e for e in self.evaluate_many(steps) if e.meets]
            if not passing:
                return current
            current = max(passing, key=self._slack)

    def _slack(self, evaluation: Evaluation) -> float:
        """How far the pooled targets' interval bounds are inside their thresholds, summed (relative)."""
        total = 0.0
        for target in self.targets:
            row = evaluation.summary.loc[target.kpi]
            bound = row["high"] if target.lower_is_better else row["low"]
            gap = target.threshold - bound if target.lower_is_better else bound - target.threshold
            total += gap / max(abs(target.threshold), 1e-3)
        return total

    def _added(self, before: dict[str, int], evaluation: Evaluation) -> str:
        after = evaluation.staffing.as_dict
        return next(r for r in self.roles if after[r] != before[r])

    def _per_period(self, start: Evaluation) -> Evaluation:
        counters = start.staffing.as_dict["counter"]
        plan = {p: counters for p in open_periods(self.scenario, self.by)}
        for period in list(plan):
            failing, passing = max(self.lo, 1) - 1, plan[period]
            while passing - failing > 1:
                mid = (failing + passing) // 2
                if self.evaluate(self._option(start.staffing.as_dict, {**plan, period: mid})).meets:
                    passing = mid
                else:
                    failing = mid
            plan[period] = passing
        final = self.evaluate(self._option(start.staffing.as_dict, plan))  # cached unless nothing was cut
        return final if final.meets else start

    # -- reporting -------------------------------------------------------------
    def curve(self, around: Staffing, width: int = 1) -> pd.DataFrame:
        """Staffing-vs-service: each role from -width to +width officials around `around`, others fixed."""
        counts = around.as_dict
        options = [self._option({**counts, r: n}) for r in self.roles
                   for n in range(max(self.lo, counts[r] - width), min(self.hi, counts[r] + width) + 1)]
        rows = []
        for option, evaluation in zip(options, self.evaluate_many(options, full=True)):
            row: dict[str, Any] = {"staffing": option.label(), "total": option.total, **option.as_dict,
                                   "meets": evaluation.meets,
                                   "not_simulated": "" if evaluation.valid else evaluation.failing[0]}
            for target in self.targets:
                if evaluation.valid and target.kpi in evaluation.summary.index:
                    s = evaluation.summary.loc[target.kpi]
                    row.update({f"{target.kpi}": s["mean"], f"{target.kpi}_low": s["low"],
                                f"{target.kpi}_high": s["high"]})
            rows.append(row)
        return pd.DataFrame(rows).drop_duplicates("staffing").sort_values(["total", "staffing"]).reset_index(drop=True)

    def certainty(self, evaluation: Evaluation) -> pd.DataFrame:
        """Per target: the estimate, its interval and the one-sided confidence that it is met."""
        return certainty(evaluation, self.targets, self.confidence)

    def cell_table(self, evaluation: Evaluation) -> pd.DataFrame:
        """Per weekday-hour cell and waiting target: served a replication, mean, interval, judged, met."""
        return cell_table(evaluation.summary, self.cell_targets) if evaluation.valid else pd.DataFrame()

    def _unreachable(self, best: Evaluation) -> str:
        return _(TEXT["unreachable"]).format(label=best.staffing.label(), hi=self.hi, **missed(best, self.targets))

    def _notes(self, start: dict[str, int], chosen: Evaluation) -> list[str]:
        notes = list(self.notes)
        notes.append(Said(TEXT["start"], label=self._option(start).label(), evaluations=len(self._cache)))
        kept = {r: n for r, n in self.fixed.items() if n}
        if kept:
            notes.append(Said(TEXT["kept"], kept=", ".join(f"{r}={n}" for r, n in kept.items())))
        if self.stability and "back_office" in self.roles:
            need = back_office_balance(apply_staffing(self.scenario, chosen.staffing)).back_office_needed()
            notes.append(Said(TEXT["workload"], need=need))
        table = self.cell_table(chosen)
        if not table.empty:
            unjudged = table[(table["target"] != "") & ~table["judged"]]["cell"].drop_duplicates().tolist()
            if unjudged:
                notes.append(Said(TEXT["cells_unjudged"], n=len(unjudged), min=MIN_CELL_SERVED,
                                                           cells=" ".join(unjudged[:12])
                                                           + (" ..." if len(unjudged) > 12 else "")))
        return notes


def plan_staffing(scenario: Scenario, targets: Sequence[Target], **options) -> Plan:
    """Shortcut: ``Planner(scenario, targets, **options).plan()``."""
    return Planner(scenario, targets, **options).plan()
