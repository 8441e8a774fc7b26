"""Answer-cell audit: is every answer a plain value or a call to a helper we provide?

Officials answer by typing values, so anything else in an answer cell
(imports, definitions, attribute access, calls to other functions) is either
a mistake or an attempt to fool the in-kernel checks. The audit reads the
code without running it, so it works outside the official's kernel: the
workshop toolkit can run it on submitted notebooks before autograding.
Also available as ``grading.checks.plain_answer_problems`` and
``grading.checks.audit_notebook``.
"""
import ast
import re

__all__ = ["plain_answer_problems", "audit_notebook"]

def plain_answer_problems(code, helpers=(), names=()):
    """Problems with an answer cell's code (empty list when fine), for graders outside the kernel.

    Allowed statements: comments; ``answer_N = <value>``; a bare call of
    ``check``/``hint_reply``. A value may be a literal (text, number, list,
    tuple, set, dict, None, True/False), arithmetic on values (``250 / 560 * 10``),
    a call to one of ``helpers`` (or ``date``) with values as arguments, an
    index into a value (``day_summary()["counter utilisation (%)"]``), an
    earlier ``answer_N`` or one of ``names`` (``log``). Anything else (imports,
    definitions, attribute access, other calls) is reported, because the
    exercises never need it and in-kernel tricks always do.
    """
    try:
        tree = ast.parse(code)
    except SyntaxError as exc:
        return [f"line {exc.lineno}: syntax error ({exc.msg})"]
    callables = set(helpers) | {"date"}
    readable = set(names) | callables
    arithmetic = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)

    def value_ok(node):
        if isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            return value_ok(node.operand)
        if isinstance(node, ast.BinOp) and isinstance(node.op, arithmetic):
            return value_ok(node.left) and value_ok(node.right)
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            return all(value_ok(e) for e in node.elts)
        if isinstance(node, ast.Dict):
            return all(k is not None and value_ok(k) for k in node.keys) and all(value_ok(v) for v in node.values)
        if isinstance(node, ast.Name):
            return node.id in readable or re.fullmatch(r"answer_\d+", node.id) is not None
        if isinstance(node, ast.Subscript):
            return value_ok(node.value) and value_ok(node.slice)
        if isinstance(node, ast.Call):
            return (isinstance(node.func, ast.Name) and node.func.id in callables
                    and all(value_ok(a) for a in node.args)
                    and all(k.arg is not None and value_ok(k.value) for k in node.keywords))
        return False

    problems = []
    for stmt in tree.body:
        ok = (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
              and re.fullmatch(r"answer_\d+", stmt.targets[0].id) is not None and value_ok(stmt.value))
        ok = ok or (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)
                    and isinstance(stmt.value.func, ast.Name) and stmt.value.func.id in {"check", "hint_reply"}
                    and all(value_ok(a) for a in stmt.value.args))
        if not ok:
            problems.append(f"line {stmt.lineno}: `{ast.unparse(stmt)[:60]}` is not a plain answer")
    return problems


def audit_notebook(nb):
    """``plain_answer_problems`` for every answer cell of a notebook: {grade_id: [problems]} (empty: clean).

    ``nb`` is a parsed notebook (``nbformat.read`` or ``json.load``). The allowed
    helpers and names are the ones the locked setup cell imports or assigns;
    ``verify``, ``SEAL`` and ``kind_errors`` are never allowed in an answer.
    """
    cells = nb["cells"]
    grade_id = lambda cell: cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")  # noqa: E731
    setup = next((c for c in cells if grade_id(c) == "setup"), None)
    allowed = set()
    if setup is not None:
        source = setup["source"] if isinstance(setup["source"], str) else "".join(setup["source"])
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                allowed |= {(a.asname or a.name).split(".")[0] for a in node.names}
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                allowed.add(node.id)
    allowed -= {"verify", "SEAL", "kind_errors", "grading"}
    report = {}
    for cell in cells:
        gid = grade_id(cell)
        if cell.get("cell_type") == "code" and gid.startswith("answer_"):
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            report[gid] = plain_answer_problems(source, helpers=sorted(allowed), names=())
    return report
