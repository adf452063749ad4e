"""Corridor Watch: `streamlit run app.py` (or `make run`). Page wiring only: see dashboard/ui/page.py."""

from dashboard.ui.page import main

main()
