"""The books of a long run left out of the garbage collector's passes (ledger/held.py): frozen only
inside held(), given back after; a paused span runs no automatic collection, frees a step's cycles
when hold(collect=True) asks, and leaves the collector as it found it (#24)."""

from __future__ import annotations

import gc
import weakref

import pytest

from dealer_xl.ledger.held import held, hold


class Node:
    """An object in a reference cycle (only the cyclic collector frees it)."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture(autouse=True)
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    gc.unfreeze()
    if not was:
        gc.disable()


def test_objects_are_frozen_inside_held_and_given_back_after():
    with held():
        hold()
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_hold_outside_held_freezes_nothing():
    hold(collect=True)
    assert gc.get_freeze_count() == 0


def test_a_paused_span_collects_only_when_asked_and_frees_a_steps_cycles_then():
    with held(paused=True):
        assert not gc.isenabled()
        for _ in range(3):  # many times the young generation's threshold: no automatic pass runs
            refs = [weakref.ref(Node()) for _ in range(gc.get_threshold()[0] * 2)]
            assert all(r() is not None for r in refs)  # cycles wait for the step's end …
            hold(collect=True)
            assert all(r() is None for r in refs)  # … and are freed by its collection
        with held():  # a nested span (a report pack) leaves the pause alone
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_the_collector_is_enabled_again_when_a_paused_span_fails():
    with pytest.raises(RuntimeError), held(paused=True):
        raise RuntimeError
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_paused_span_inside_a_disabled_collector_leaves_it_disabled():
    gc.disable()
    try:
        with held(paused=True):
            pass
        assert not gc.isenabled()
    finally:  # the collector is given back to the tests that run after this one in the same worker
        gc.enable()


def test_the_read_of_the_books_runs_without_automatic_collection_and_gives_the_collector_back(tmp_path, monkeypatch):
    """ledger.load reads inside io.reader.gc_paused(): the collector is off while the books are read, on again
    after (as it was), and on again after a read that fails."""
    from dealer_xl import ledger
    from dealer_xl.io.reader import gc_paused
    from dealer_xl.io.templates import init_books

    init_books(tmp_path)
    seen = []
    real = ledger.read_books

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(ledger, "read_books", spy)
    ledger.load(tmp_path)
    assert seen == [False] and gc.isenabled()

    def broken(*args, **kwargs):
        raise OSError("磁盘错误")

    monkeypatch.setattr(ledger, "read_books", broken)
    with pytest.raises(OSError):
        ledger.load(tmp_path)
    assert gc.isenabled()
    gc.disable()  # a caller that had turned the collector off keeps it off
    try:
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_command_s_read_is_held_only_inside_held(tmp_path):
    """console.load holds the books it read when the command runs inside held(), and nothing outside."""
    from dealer_xl.console import load
    from dealer_xl.io.templates import init_books

    init_books(tmp_path)
    load(tmp_path, "读取台账")
    assert gc.get_freeze_count() == 0
    with held():
        load(tmp_path, "读取台账")
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
