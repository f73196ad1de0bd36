"""``solidarity extract``: one file, standard input, a folder, and every kind of bad input. No test here has
database access, so any write (or read) the command attempted would fail the test."""

from __future__ import annotations

import io
import json
import sys

import pytest
from django.core.management import CommandError, call_command

ARTICLE = (
    "Samara, 12 February 2025\n\n"
    'A court in Samara sentenced the union activist Pavel Zorin to four years in prison for "calls to '
    'extremism" on Tuesday. He had been in custody since March.\n'
)


def run(*args: str, stdin: str | None = None, monkeypatch=None) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8"))
    call_command("extract", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_file_gives_the_contract(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    out, _ = run(str(path), "--json")
    result = json.loads(out)
    assert result["language"] == "en"
    (person,) = result["people"]
    assert person == {
        "name": "Pavel Zorin",
        "case": None,
        "charge": "calls to extremism",
        "status": "sentenced",
        "sentence": "4 years in prison",
        "organisation": None,
        "since": "2025-02-11",
        "evidence": 'A court in Samara sentenced the union activist Pavel Zorin to four years in prison for "calls to '
        'extremism" on Tuesday.',
    }


def test_standard_input(monkeypatch):
    out, _ = run("-", stdin=ARTICLE, monkeypatch=monkeypatch)
    assert json.loads(out)["people"][0]["name"] == "Pavel Zorin"
    assert "\n  " in out  # indented unless --json


def test_a_folder_gives_json_lines_and_a_progress_bar(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.html").write_text(f"<html><body><article><p>{ARTICLE}</p></article></body></html>", "utf-8")
    (tmp_path / "notes.csv").write_text("not an article", encoding="utf-8")
    out, err = run(str(tmp_path))
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["path"].rsplit("/", 1)[1] for line in lines] == ["a.txt", "b.html"]
    assert all(line["people"][0]["name"] == "Pavel Zorin" for line in lines)
    assert "2/2" in err


def test_a_folder_with_a_bad_article_reports_it_and_fails(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 of 2"):
        call_command("extract", str(tmp_path), stdout=out, stderr=io.StringIO())
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert "error" in lines[1] and "people" in lines[0]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02\x03binary\x00\x00", "binary"),
        ("Die Polizei hat den Aktivisten am Montag in Berlin festgenommen und verhört.".encode(), "de"),
        (b"1234 5678 !!! ???", "recognised"),
    ],
)
def test_bad_input_fails_clearly_and_prints_nothing(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    out = io.StringIO()
    with pytest.raises(CommandError, match=message):
        call_command("extract", str(path), stdout=out, stderr=io.StringIO())
    assert out.getvalue() == ""


def test_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("extract", str(tmp_path / "nope.txt"), stdout=io.StringIO(), stderr=io.StringIO())


def test_the_console_script_exits_non_zero_on_bad_input(tmp_path):
    import subprocess
    from pathlib import Path

    from django.conf import settings

    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    manage = Path(settings.BASE_DIR) / "manage.py"
    done = subprocess.run([sys.executable, str(manage), "extract", str(path)], capture_output=True, text=True,
                          timeout=120, check=False)  # fmt: skip
    assert done.returncode != 0
    assert done.stdout == ""
    assert "empty" in done.stderr
