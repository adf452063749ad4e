"""Faults a shared seeds folder and its index meet (issue 18): each case asserts the message the user
gets, the exit code, and that every readable page still loads. The table at the top is shared:
other areas add their cases to it."""

from __future__ import annotations

import shutil

import pytest
from conftest import REPO, SEEDS
from streamlit.testing.v1 import AppTest

from dashboard.errors import DashboardError

APP = str(REPO / "app.py")


@pytest.fixture
def app_env(tmp_path, monkeypatch, small_geodata):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    monkeypatch.setenv("DASHBOARD_SEEDS", str(seeds))
    monkeypatch.setenv("DASHBOARD_GEODATA", str(small_geodata))
    monkeypatch.setenv("DASHBOARD_DATA", str(tmp_path / "data"))
    return seeds


def test_a_dashboard_error_anywhere_in_the_page_is_a_message(app_env, monkeypatch):
    """The UI's error boundary: an index failing under the detail panel (a fragment) is a message."""

    def failing(*_args, **_kwargs):
        raise DashboardError("index.sqlite: the index went away (test)")

    monkeypatch.setattr("dashboard.ui.detail.excerpts", failing)
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["feature"] = "cpc"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    errors = [h.proto.body for h in at.html if 'data-kind="error"' in h.proto.body]  # plain HTML, never markdown
    assert len(errors) == 1 and "index.sqlite: the index went away (test)" in errors[0]
    assert at.title[0].value == "Corridor Watch"  # the page above the failure still stands
