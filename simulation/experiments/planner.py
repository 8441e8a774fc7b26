"""The staffing planner: the least staff whose KPIs meet every target, with confidence.

Every staffing option is judged by ``reps`` replications on common random
numbers (each option meets the same citizens), and a target counts as met only
when the KPI's whole confidence interval lies on the right side of it
(`simulation.experiments.targets`). The search uses the monotone structure of the problem
(one more official never makes waits longer or dossiers later) instead of
trying every combination:

1. the most staff allowed (every role at ``max_staff``) must meet the targets,
   otherwise `PlanError` says which target stays out of reach and by how much;
2. per role, the fewest officials that still meet the targets with every other
   role at its maximum: a lower bound no plan can go below. The search starts
   at the scenario's own number for that role (usually close: a centre asks
   whether its staffing is right), gallops down or up (1, 2, 4, ... away) until
   the answer is bracketed, then bisects: two evaluations when the scenario's
   number is already the least, about 2 log2(distance) otherwise;
3. from those bounds, greedy marginal search adds one official at a time to the
   role that closes most of the remaining gap, until every target is met;
4. with ``by="hour"`` or ``"weekday"``, the counters of each period in turn
   (chronologically) are cut by bisection as far as every target, now also
   judged per period of arrival for waiting KPIs, stays met.

With a single role (an M/M/c station) step 2 alone gives the exact minimum.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import pandas as pd

from ..errors import PlanError
from .options import check_reps
from .replications import Replication, Runner, SerialRunner, run_all, summarise
from ..results.periods import PERIOD_KINDS, PERIOD_KPIS, split_key
from ..scenario.model import Scenario, ScenarioError
from ..scenario.vocabulary import ROLES
from .staffing_options import Staffing, apply_staffing, current_staffing, open_periods
from .targets import Target

__all__ = ["PlanError", "Evaluation", "Plan", "Planner", "plan_staffing"]


@dataclass
class Evaluation:
    staffing: Staffing
    summary: pd.DataFrame            # index kpi; columns mean, low, high, half_width, n
    meets: bool
    failing: list[str]               # the targets (with period) missed
    score: float                     # summed relative shortfall of the interval bounds (0 when met)
    valid: bool = True


@dataclass
class Plan:
    recommended: Staffing
    evaluation: Evaluation
    targets: list[Target]
    confidence: float
    reps: int
    curve: pd.DataFrame
    certainty: pd.DataFrame
    evaluations: int
    notes: list[str] = field(default_factory=list)


class Planner:
    def __init__(self, scenario: Scenario, targets: Sequence[Target], *, reps: int = 30, seed: int = 1,
                 confidence: float = 0.95, roles: Sequence[str] | None = None, min_staff: int = 1,
                 max_staff: int = 10, runner: Runner | None = None, by: str | None = None,
                 progress: bool = False):
        if not targets:
            raise PlanError("give at least one --target, e.g. \"wait_p90 <= 15min\"")
        check_reps(reps, error=PlanError)
        current = current_staffing(scenario)
        roles = list(roles) if roles else [r for r in ROLES if current[r] > 0] or ["counter"]
        for role in roles:
            if role not in ROLES:
                raise PlanError(f"role {role!r}: must be one of {', '.join(ROLES)}")
        if not 0 <= min_staff <= max_staff:
            raise PlanError(f"min_staff = {min_staff}, max_staff = {max_staff}: need 0 <= min <= max")
        if by is not None and by not in PERIOD_KINDS:
            raise PlanError(f"by = {by!r}: must be 'hour' or 'weekday'")
        if by is not None and "counter" not in roles:
            raise PlanError("per-period plans set counters: include the role 'counter'")
        self.scenario, self.targets, self.reps, self.seed = scenario, list(targets), reps, seed
        self.confidence, self.roles, self.by = confidence, roles, by
        self.lo, self.hi = min_staff, max_staff
        self.fixed = {r: n for r, n in current.items() if r not in roles}
        self.start = {r: current[r] for r in roles}  # where the per-role search starts
        self.runner = runner or SerialRunner()
        self._cache: dict[Staffing, Evaluation] = {}
        self._bar = None
        if progress:
            from tqdm import tqdm

            self._bar = tqdm(unit="rep", desc="planning (replications)")

    # -- judging options -------------------------------------------------------
    def evaluate_many(self, options: Sequence[Staffing]) -> list[Evaluation]:
        """Evaluations of the options (cached), their replications run together."""
        todo = [o for o in dict.fromkeys(options) if o not in self._cache]
        scenarios = {}
        for option in todo:
            try:
                scenarios[option] = apply_staffing(self.scenario, option)
            except ScenarioError as exc:  # e.g. no counter left for paper dossiers: not a workable option
                self._cache[option] = Evaluation(option, pd.DataFrame(), False, [exc.messages[0]], float("inf"), False)
        tasks = [Replication(s, self.seed, r, labels={"option": i}, periods=self.by)
                 for i, s in enumerate(scenarios.values()) for r in range(self.reps)]
        tick = (lambda *_: self._bar.update(1)) if self._bar is not None else None
        rows = pd.DataFrame(run_all(tasks, self.runner, tick)) if tasks else pd.DataFrame()
        for i, option in enumerate(scenarios):
            summary = summarise(rows[rows["option"] == i].drop(columns="option"), self.confidence).set_index("kpi")
            self._cache[option] = self._judge(option, summary)
        return [self._cache[o] for o in options]

    def evaluate(self, option: Staffing) -> Evaluation:
        return self.evaluate_many([option])[0]

    def _judge(self, option: Staffing, summary: pd.DataFrame) -> Evaluation:
        failing, score = [], 0.0
        for target in self.targets:
            keys = [target.kpi]
            if self.by and target.kpi in PERIOD_KPIS:
                keys += [k for k in summary.index if (s := split_key(k)) and s[0] == target.kpi and s[1] == self.by]
            for key in keys:
                row = summary.loc[key] if key in summary.index else None
                if row is None or row["n"] == 0:
                    if key == target.kpi:  # nothing measured (e.g. no dossier resolved): not met
                        failing.append(target.text)
                        score += float("inf")
                    continue
                if key != target.kpi and row["n"] < 2:
                    continue  # a period with almost no citizens cannot be judged
                if not target.met(row["low"], row["high"]):
                    failing.append(target.text if key == target.kpi else f"{target.text} at {key.split('@')[1]}")
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
                raise PlanError(f"target {target.text!r}: {target.kpi} has no value in this scenario "
                                "(e.g. no online dossiers or no served citizens)")
        if not best.meets:
            raise PlanError(self._unreachable(best))
        bounds = {role: self._bisect(role) for role in self.roles}
        current = self.evaluate(self._option(bounds))
        while not current.meets:
            counts = current.staffing.as_dict
            steps = [self._option({**counts, r: counts[r] + 1}) for r in self.roles if counts[r] < self.hi]
            if not steps:  # noise broke monotonicity: fall back on the most staff allowed
                current = best
                break
            tried = self.evaluate_many(steps)
            current = min(tried, key=lambda e: (not e.meets, e.score, ROLES.index(self._added(counts, e))))
        chosen = current
        if self.by:
            chosen = self._per_period(current)
        return Plan(chosen.staffing, chosen, self.targets, self.confidence, self.reps, self.curve(current.staffing),
                    self.certainty(chosen), len(self._cache), self._notes(bounds))

    def _added(self, before: dict[str, int], evaluation: Evaluation) -> str:
        after = evaluation.staffing.as_dict
        return next(r for r in self.roles if after[r] != before[r])

    def _bisect(self, role: str) -> int:
        failing, passing = self.lo - 1, self.hi        # passing: known to meet (the top option does)
        others = {r: self.hi for r in self.roles}

        def meets(n: int) -> bool:
            return self.evaluate(self._option({**others, role: n})).meets

        guess, step = min(max(self.start.get(role, self.lo), self.lo), self.hi), 1
        if guess >= passing or meets(guess):          # gallop down from the scenario's number
            passing = min(guess, passing)
            while passing - failing > 1:
                probe = max(passing - step, failing + 1)
                if not meets(probe):
                    failing = probe
                    break
                passing, step = probe, 2 * step
        else:                                         # gallop up
            failing = guess
            while passing - failing > 1:
                probe = min(failing + step, passing - 1)
                if meets(probe):
                    passing = probe
                    break
                failing, step = probe, 2 * step
        while passing - failing > 1:                  # then bisect the bracket
            mid = (failing + passing) // 2
            if meets(mid):
                passing = mid
            else:
                failing = mid
        return passing

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
    def curve(self, around: Staffing, width: int = 2) -> pd.DataFrame:
        """Staffing-vs-service: each role from -width to +width officials around `around`, others fixed."""
        counts = around.as_dict
        options = [self._option({**counts, r: n}) for r in self.roles
                   for n in range(max(self.lo, counts[r] - width), min(self.hi, counts[r] + width) + 1)]
        rows = []
        for option, evaluation in zip(options, self.evaluate_many(options)):
            row: dict[str, Any] = {"staffing": option.label(), "total": option.total, **option.as_dict,
                                   "meets": evaluation.meets}
            for target in self.targets:
                if evaluation.valid:
                    s = evaluation.summary.loc[target.kpi]
                    row.update({f"{target.kpi}": s["mean"], f"{target.kpi}_low": s["low"],
                                f"{target.kpi}_high": s["high"]})
            rows.append(row)
        return pd.DataFrame(rows).drop_duplicates("staffing").sort_values(["total", "staffing"]).reset_index(drop=True)

    def certainty(self, evaluation: Evaluation) -> pd.DataFrame:
        """Per target: the estimate, its interval and the one-sided confidence that it is met."""
        rows = []
        for target in self.targets:
            s = evaluation.summary.loc[target.kpi]
            rows.append({"target": target.text, "mean": s["mean"], "low": s["low"], "high": s["high"],
                         "met": target.met(s["low"], s["high"]),
                         "confidence_met": target.confidence(s["mean"], s["half_width"], int(s["n"]),
                                                             self.confidence)})
        return pd.DataFrame(rows)

    def _unreachable(self, best: Evaluation) -> str:
        parts = []
        for text in best.failing:
            target = next((t for t in self.targets if text.startswith(t.text)), None)
            if target is not None and best.valid and target.kpi in best.summary.index and text == target.text:
                s = best.summary.loc[target.kpi]
                parts.append(f"{text!r} (reached {s['mean']:.3g}, interval {s['low']:.3g}..{s['high']:.3g})")
            else:
                parts.append(repr(text))
        return (f"no staffing within the limits meets the targets: even {best.staffing.label()} "
                f"(the most allowed, --max-staff {self.hi}) misses {'; '.join(parts[:4])}"
                f"{' and more' if len(parts) > 4 else ''}; raise --max-staff, add replications or relax the target")

    def _notes(self, bounds: dict[str, int]) -> list[str]:
        notes = [f"lower bounds from the per-role search (others at {self.hi}): "
                 + ", ".join(f"{r}>={n}" for r, n in bounds.items())]
        kept = {r: n for r, n in self.fixed.items() if n}
        if kept:
            notes.append("roles kept as in the scenario: " + ", ".join(f"{r}={n}" for r, n in kept.items()))
        return notes


def plan_staffing(scenario: Scenario, targets: Sequence[Target], **options) -> Plan:
    """Shortcut: ``Planner(scenario, targets, **options).plan()``."""
    return Planner(scenario, targets, **options).plan()
