"""JobRegistry: a bound on concurrent jobs, and orphaned jobs stopped by the watchdog."""

import threading
import time

import pytest

from fashion_lab.jobs import JobRegistry
from fashion_lab.training import JobState


class FakeJob:
    """Runs until stopped or released; enough of TrainingJob for the registry."""

    def __init__(self):
        self.state = JobState.PENDING
        self.stopped = threading.Event()

    def start(self):
        self.state = JobState.RUNNING
        return self

    def stop(self):
        self.stopped.set()
        self.state = JobState.STOPPED

    def finish(self):
        self.state = JobState.FINISHED


def test_limit_refuses_past_the_bound_and_frees_slots_when_jobs_end():
    registry = JobRegistry(limit=2)
    first, second, third = FakeJob(), FakeJob(), FakeJob()
    assert registry.try_start(first, "tab-1") and registry.try_start(second, "tab-2")
    assert not registry.try_start(third, "tab-3")
    assert third.state is JobState.PENDING  # refused jobs are not started
    first.finish()
    assert registry.active() == 1
    assert registry.try_start(third, "tab-3")


def test_job_of_a_gone_owner_is_stopped_after_the_grace_period():
    alive = {"tab-1": True, "tab-2": True}
    registry = JobRegistry(limit=2, is_owner_alive=alive.__getitem__, grace=0.3, poll=0.05)
    kept, orphan = FakeJob(), FakeJob()
    registry.try_start(kept, "tab-1")
    registry.try_start(orphan, "tab-2")
    alive["tab-2"] = False
    assert orphan.stopped.wait(timeout=5)
    assert not kept.stopped.is_set()
    kept.finish()


def test_owner_back_within_grace_keeps_the_job():
    alive = {"tab": False}
    registry = JobRegistry(limit=1, is_owner_alive=alive.__getitem__, grace=1.0, poll=0.05)
    job = FakeJob()
    registry.try_start(job, "tab")
    time.sleep(0.3)
    alive["tab"] = True  # e.g. a reconnect
    time.sleep(1.2)
    assert not job.stopped.is_set()
    job.finish()


def test_limit_must_be_positive():
    with pytest.raises(ValueError):
        JobRegistry(limit=0)


def test_several_jobs_start_all_together_or_not_at_all():
    registry = JobRegistry(limit=3)
    assert registry.try_start(FakeJob(), "another-tab")
    three = [FakeJob() for _ in range(3)]
    assert not registry.try_start_all(three, "tab")
    assert all(job.state == JobState.PENDING for job in three) and registry.active() == 1
    two = three[:2]
    assert registry.try_start_all(two, "tab")
    assert all(job.state == JobState.RUNNING for job in two) and registry.active() == 3


def test_tabs_starting_pairs_at_the_same_moment_never_split_a_pair():
    """Eight tabs press Start of a race at once on a server with room for three jobs."""
    registry = JobRegistry(limit=3)
    pairs = [[FakeJob(), FakeJob()] for _ in range(8)]
    barrier = threading.Barrier(len(pairs))
    started = []

    def press(pair):
        barrier.wait()
        if registry.try_start_all(pair, "tab"):
            started.append(pair)

    threads = [threading.Thread(target=press, args=(pair,)) for pair in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(started) == 1
    assert all({job.state for job in pair} in ({JobState.RUNNING}, {JobState.PENDING}) for pair in pairs)


class UnstartableJob(FakeJob):
    def start(self):
        raise RuntimeError("can't start new thread")


def test_a_job_that_cannot_start_leaves_no_slot_taken_and_stops_its_partner():
    registry = JobRegistry(limit=2)
    partner = FakeJob()
    with pytest.raises(RuntimeError, match="new thread"):
        registry.try_start_all([partner, UnstartableJob()], "tab")
    assert registry.active() == 0 and partner.state == JobState.STOPPED
    assert registry.try_start_all([FakeJob(), FakeJob()], "tab")
