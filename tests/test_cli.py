"""The real `letters` command, real model and real letters, run as subprocesses like an admin would."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import LETTER_A, write_corpus

pytestmark = pytest.mark.slow

LETTERS = [sys.executable, "-m", "cli.main"]
ROOT = Path(__file__).resolve().parents[1]


def letters(*args: str, input: str | None = None, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*LETTERS, *args], capture_output=True, text=True, input=input, timeout=timeout, cwd=ROOT
    )


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*LETTERS, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT
    )


@pytest.fixture(scope="module")
def indexed(real_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    data = tmp_path_factory.mktemp("cli") / "data"
    done = letters("index", str(real_corpus), "--data-dir", str(data), "--json")
    assert done.returncode == 0, done.stderr
    return data, json.loads(done.stdout)


def test_index_json_report_lists_every_file(indexed) -> None:
    _, report = indexed
    assert set(report) >= {"added", "changed", "unchanged", "deleted", "failed", "letters", "passages"}
    assert sorted(report["added"]) == ["000_9ad1bc9b658695e5.txt", "003_3342f1d31a3cf50b.txt"]
    assert report["failed"] == [] and report["letters"] == 2 and report["passages"] > 20


def test_reindexing_the_unchanged_letters_embeds_nothing(indexed, real_corpus) -> None:
    data, _ = indexed
    done = letters("index", str(real_corpus), "--data-dir", str(data), "--json")
    report = json.loads(done.stdout)
    assert done.returncode == 0
    assert sorted(report["unchanged"]) == ["000_9ad1bc9b658695e5.txt", "003_3342f1d31a3cf50b.txt"]
    assert report["added"] == report["changed"] == report["deleted"] == report["failed"] == []
    assert report["embedded"] == 0


def test_documents_shows_the_bundled_letters_metadata(indexed) -> None:
    data, _ = indexed
    done = letters("documents", "--data-dir", str(data), "--json")
    assert done.returncode == 0, done.stderr
    letters_ = {lt["path"]: lt for lt in json.loads(done.stdout)["letters"]}
    l2009 = letters_["003_3342f1d31a3cf50b.txt"]
    assert l2009["date"] == "2009-12-04" and l2009["date_kind"] == "letter"
    assert l2009["marking"] == "CONFIDENTIAL"
    assert "Andrew Carter" in l2009["sender"]["label"] and "Richard Brett" in l2009["sender"]["label"]
    assert "Leeds City Council" in l2009["sender"]["label"] and "Leader's Office" in l2009["sender"]["label"]
    assert "Dawn Primarolo" in l2009["recipient"]["label"]
    l2011 = letters_["000_9ad1bc9b658695e5.txt"]
    assert l2011["date"] == "2011-05-20" and l2011["date_kind"] == "event"
    assert "Graham Archer" in l2011["sender"]["label"] and "DfE" in l2011["sender"]["label"]
    assert "Nigel" in l2011["recipient"]["label"] and "Leeds City Council" in l2011["recipient"]["label"]
    plain = letters("documents", "--data-dir", str(data))
    assert "2009-12-04" in plain.stdout and "(meeting date)" in plain.stdout


def test_search_finds_the_improvement_board_membership_list(indexed) -> None:
    data, _ = indexed
    done = letters(
        "search",
        "What was proposed for the Improvement Board membership?",
        "-k",
        "3",
        "--data-dir",
        str(data),
        "--json",
    )
    assert done.returncode == 0, done.stderr
    hits = json.loads(done.stdout)["hits"]
    assert len(hits) == 3
    top = hits[0]
    assert "a small strategic Board consisting of" in top["passage"]["text"]
    assert "an independent chair" in top["passage"]["text"]  # the list came with its introduction
    assert top["letter"]["date"] == "2009-12-04"
    assert set(top["passage"]) >= {"id", "text", "page", "paragraph", "start", "end"}


def test_who_signed_it_is_answerable_from_the_sign_off(indexed) -> None:
    data, _ = indexed
    done = letters(
        "search", "Councillor Richard Brett Deputy Leader", "-k", "3", "--data-dir", str(data), "--json"
    )
    kinds = [h["passage"]["kind"] for h in json.loads(done.stdout)["hits"]]
    assert "sign-off" in kinds


def test_search_filters_by_sender_recipient_and_date(indexed) -> None:
    data, _ = indexed
    for args, expected in [
        (["--sender", "graham archer"], {"2011-05-20"}),
        (["--recipient", "Primarolo"], {"2009-12-04"}),
        (["--since", "2010-01-01"], {"2011-05-20"}),
        (["--until", "2010-01-01"], {"2009-12-04"}),
    ]:
        done = letters("search", "improvement", "-k", "5", *args, "--data-dir", str(data), "--json")
        hits = json.loads(done.stdout)["hits"]
        assert len(hits) == 5, args
        assert {h["letter"]["date"] for h in hits} == expected, args


def test_search_dash_reads_queries_from_stdin_one_json_per_line(indexed) -> None:
    data, _ = indexed
    done = letters(
        "search",
        "-",
        "-k",
        "2",
        "--data-dir",
        str(data),
        "--json",
        input="Ofsted inspection\n\nexit from intervention\n",
    )
    lines = done.stdout.strip().splitlines()
    assert [json.loads(line)["query"] for line in lines] == ["Ofsted inspection", "exit from intervention"]
    assert all(len(json.loads(line)["hits"]) == 2 for line in lines)


def test_plain_search_output_is_readable(indexed) -> None:
    data, _ = indexed
    done = letters("search", "independent chair", "-k", "2", "--data-dir", str(data))
    assert "[1]" in done.stdout and "→" in done.stdout and "para" in done.stdout


def test_usage_errors_exit_2_and_failed_files_exit_1(tmp_path) -> None:
    assert letters("search", "x", "--since", "yesterday").returncode == 2
    assert letters("index", "--no-such-flag").returncode == 2
    assert letters("index", str(tmp_path / "missing")).returncode == 2
    corpus = write_corpus(tmp_path / "corpus", {"good.txt": LETTER_A, "bad.pdf": b"%PDF-garbage"})
    done = letters("index", str(corpus), "--data-dir", str(tmp_path / "data"))
    assert done.returncode == 1
    assert "FAILED" in done.stdout and "bad.pdf" in done.stdout and "added" in done.stdout


def test_search_without_an_index_says_to_run_index(tmp_path) -> None:
    done = letters("search", "x", "--data-dir", str(tmp_path / "nothing"))
    assert done.returncode == 1 and "letters index" in done.stderr


def big_corpus(folder: Path, n: int) -> Path:
    letters_ = {
        f"bulk/{i:03d}.txt": (
            f"Dear Resident {i},\n\nThe council will resurface road number {i} in week {i % 52}. "
            f"Parking on road {i} will be suspended while crews work on drainage item {i * 7}.\n\n"
            f"Residents with mobility needs on road {i} can ask for help with access.\n\n"
            f"Yours faithfully,\n\nHighways Team {i}\n"
        )
        for i in range(n)
    }
    return write_corpus(folder, letters_)


def wait_for(predicate, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.02)


def test_kill_9_at_any_moment_leaves_the_previous_index_searchable(real_corpus, tmp_path) -> None:
    data = tmp_path / "data"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in real_corpus.iterdir():
        (corpus / path.name).write_bytes(path.read_bytes())
    assert letters("index", str(corpus), "--data-dir", str(data)).returncode == 0
    big_corpus(corpus, 300)
    generations = data / "generations"
    moments = [
        lambda: (data / "index.lock.owner").exists(),  # lock just taken
        lambda: any(p.name.startswith(".building") for p in generations.iterdir()),  # build begun
        None,  # mid-embedding
    ]
    for moment in moments:
        proc = start("index", str(corpus), "--data-dir", str(data))
        if moment is None:
            wait_for(lambda: any(p.name.startswith(".building") for p in generations.iterdir()))
            time.sleep(2.0)
        else:
            wait_for(moment)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        docs = letters("documents", "--data-dir", str(data), "--json")
        assert docs.returncode == 0, docs.stderr
        assert len(json.loads(docs.stdout)["letters"]) == 2  # the previous generation, whole
        hits = letters("search", "independent chair", "-k", "1", "--data-dir", str(data), "--json")
        assert "independent chair" in json.loads(hits.stdout)["hits"][0]["passage"]["text"]
    # Killed while the keyword index (tantivy, GENERATION/keywords/) is written: the run may have
    # published just before the signal landed, so either generation is acceptable, never a mix.
    proc = start("index", str(corpus), "--data-dir", str(data))
    wait_for(lambda: any((p / "keywords").exists() for p in generations.glob(".building-*")), timeout=300)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    docs = letters("documents", "--data-dir", str(data), "--json")
    seen = len(json.loads(docs.stdout)["letters"])
    assert seen in (2, 302)
    hits = letters("search", "independent chair", "-k", "1", "--data-dir", str(data), "--json")
    assert "independent chair" in json.loads(hits.stdout)["hits"][0]["passage"]["text"]
    done = letters("index", str(corpus), "--data-dir", str(data), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert len(report["added"]) == (300 if seen == 2 else 0) and report["letters"] == 302
    assert not any(p.name.startswith(".building") for p in generations.iterdir())
    roads = letters("search", "resurface road number 17", "-k", "3", "--data-dir", str(data), "--json")
    assert any("road number 17 " in h["passage"]["text"] for h in json.loads(roads.stdout)["hits"])


def test_two_index_runs_never_interleave(tmp_path) -> None:
    data = tmp_path / "data"
    corpus = big_corpus(tmp_path / "corpus", 150)
    first = start("index", str(corpus), "--data-dir", str(data), "--json")
    wait_for(lambda: (data / "index.lock.owner").exists())
    second = letters("index", str(corpus), "--data-dir", str(data))
    assert second.returncode == 3
    assert "another `letters index` run" in second.stderr and str(data) in second.stderr
    queued = start("index", str(corpus), "--data-dir", str(data), "--json", "--wait", "300")
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    assert len(json.loads(out)["added"]) == 150
    out, err = queued.communicate(timeout=300)
    assert queued.returncode == 0, err
    assert len(json.loads(out)["unchanged"]) == 150  # it waited, then found the work done


def test_ask_prints_the_answer_then_numbered_references(indexed) -> None:
    data, _ = indexed
    done = letters("ask", "What was proposed for the Improvement Board membership?", "--data-dir", str(data))
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "a small strategic Board consisting of:" in out and "- an independent chair" in out
    assert (
        "References\n  [1] Letter from Cllr Andrew Carter and Cllr Richard Brett (Leeds City Council)" in out
    )
    assert "4 December 2009, para 7 [CONFIDENTIAL]" in out


def test_ask_json_has_the_documented_shape(indexed) -> None:
    data, _ = indexed
    done = letters(
        "ask", "Who did the council propose as the independent chair?", "--json", "--data-dir", str(data)
    )
    answer = json.loads(done.stdout)
    assert {"question", "answered", "text", "citations", "related"} <= set(answer)
    citation = answer["citations"][0]
    assert {"n", "quote", "start", "end", "page", "paragraph", "reference", "letter"} <= set(citation)
    assert {"id", "path", "title", "date", "sender", "recipient", "marking"} <= set(citation["letter"])
    assert "Mr Bill McCarthy" in citation["quote"]


def test_ask_dash_answers_each_line_and_conversation_carries_follow_ups(indexed) -> None:
    data, _ = indexed
    stdin = "What was proposed for the Improvement Board membership?\nWho was proposed to chair it?\n"
    done = letters("ask", "-", "--json", "--conversation", "--data-dir", str(data), input=stdin)
    first, second = (json.loads(line) for line in done.stdout.strip().splitlines())
    assert first["answered"] and second["answered"]
    assert "Mr Bill McCarthy" in second["citations"][0]["quote"]
    unrelated = letters("ask", "-", "--json", "--data-dir", str(data), input="What is the policy on bins?\n")
    assert json.loads(unrelated.stdout)["answered"] is False


def test_eval_on_the_team_gold_set_meets_the_bar(indexed) -> None:
    data, _ = indexed
    gold = ROOT / "tests" / "gold" / "bundled.jsonl"
    done = letters(
        "eval", str(gold), "--json", "--min-hit3", "0.9", "--max-wrong-answers", "0", "--data-dir", str(data)
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr
    summary = json.loads(done.stdout)
    assert summary["answerable"] >= 25 and summary["unanswerable"] >= 4
    assert summary["hit_at_3"] >= 0.9
    assert summary["correct_refusals"] == summary["unanswerable"] and summary["wrong_answers"] == 0
    assert summary["quotes_exact"] == 1.0
    assert any(o["question"] == "Who was proposed to chair it?" for o in summary["outcomes"])  # a follow-up


def test_eval_exits_non_zero_below_a_threshold_and_2_on_a_bad_gold_file(indexed, tmp_path) -> None:
    data, _ = indexed
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {
                "question": "Who chairs the football club?",
                "letter": "003_3342f1d31a3cf50b.txt",
                "expect": ["football"],
            }
        )
        + "\n"
    )
    done = letters("eval", str(gold), "--min-hit3", "0.5", "--data-dir", str(data))
    assert done.returncode == 1 and "below thresholds" in done.stderr
    gold.write_text('{"question": 3}\n')
    bad = letters("eval", str(gold), "--data-dir", str(data))
    assert bad.returncode == 2 and "line 1" in bad.stderr and "'question'" in bad.stderr
