"""motcua: the command-line front door for the simulation and grading packages."""
