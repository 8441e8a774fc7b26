"""nbgrader settings for the motcua course (reuse this file for any course directory).

Officials answer with widgets; the few code questions keep a prepared line
such as ``answer_3 = None`` written in the source notebook *above* each
``### BEGIN SOLUTION`` region, so the stub that replaces the region must not
raise. Point ``CourseDirectory.root`` at the course directory (the folder
holding ``source/``); by default it is the current directory.
"""
c = get_config()  # noqa: F821 (provided by traitlets when nbgrader loads this file)

c.CourseDirectory.course_id = "motcua"
c.ClearSolutions.code_stub = {"python": ""}  # the neutral line above the solution region stays
c.ClearSolutions.text_stub = "Double-click here and type your answer."
c.Execute.timeout = 60
# Validate lists each question without an answer (and, in assessed mode, ends with how many are answered):
# plain messages to read, not a failure. The officials' own nbgrader config should carry the same line.
c.Validator.failed_warning = "Please read the {num_failed} message(s) below before you submit.\n"
c.ExecutePreprocessor.timeout = 60
