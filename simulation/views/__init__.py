"""The only place that imports ipywidgets: the staffing dashboard, its controls and panels, the
comparison and planning views."""
