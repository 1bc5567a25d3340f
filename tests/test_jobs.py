"""JobRegistry: a bound on runs at once, a fair bounded line for the rest, and runs of gone owners
stopped or taken out of the line; the wait it announces."""

import threading
import time
from types import SimpleNamespace

import pytest
from helpers.jobs import FakeJob
from helpers.waiting import soon

import fashion_lab.training.job as job_module
from fashion_lab.training.config import TrainingConfig
from fashion_lab.training.in_process import JobState
from fashion_lab.training.job import BaseJob, TrainingResult
from fashion_lab.training.line import SETUP_SECONDS, JobRefused, JobRegistry, RunTimes, wait_before_start


def wait_for(condition, timeout=5.0):
    assert soon(condition, timeout, every=0.01), "the condition did not come true in time"


class Owners:
    """A registry's ``is_owner_alive``: which tabs are there (every one, unless told otherwise), and
    each time the registry asked. Its dispatcher asks about every owner once a round, after it has
    started what it could: the rounds seen from outside."""

    def __init__(self, **alive: bool):
        self.alive = alive
        self.asked: list[tuple[str, bool, float]] = []  # (owner, answer, time.monotonic())

    def __call__(self, owner: str) -> bool:
        answer = self.alive.get(owner, True)
        self.asked.append((owner, answer, time.monotonic()))
        return answer

    def times(self, owner: str, answer: bool | None = None) -> list[float]:
        """When the registry asked about ``owner`` (and got ``answer``, if given)."""
        return [at for who, said, at in list(self.asked) if who == owner and answer in (None, said)]


def test_past_the_free_slots_runs_wait_and_start_in_order_when_slots_free():
    registry = JobRegistry(limit=1, poll=0.02)
    first, second, third = FakeJob(), FakeJob(), FakeJob()
    for number, job in enumerate((first, second, third)):
        registry.submit([job], f"tab-{number}")
    assert first.state is JobState.RUNNING and second.state is third.state is JobState.PENDING
    assert registry.place(second).position == 1 and registry.place(third).position == 2
    assert registry.active() == 1 and registry.waiting() == 2
    first.finish()
    wait_for(lambda: second.state is JobState.RUNNING)
    assert third.state is JobState.PENDING and registry.place(third).position == 1
    second.finish()
    wait_for(lambda: third.state is JobState.RUNNING)
    assert first.started_at < second.started_at < third.started_at
    third.finish()


def test_a_cancelled_waiting_run_never_starts_and_the_next_takes_its_place():
    registry = JobRegistry(limit=1, poll=0.02)
    running, cancelled, next_one = FakeJob(), FakeJob(), FakeJob()
    for number, job in enumerate((running, cancelled, next_one)):
        registry.submit([job], f"tab-{number}")
    cancelled.stop()
    wait_for(lambda: registry.place(next_one).position == 1)
    running.finish()
    wait_for(lambda: next_one.state is JobState.RUNNING)
    assert cancelled.state is JobState.CANCELLED and cancelled.started_at is None
    next_one.finish()


def test_the_line_is_bounded_and_says_so():
    registry = JobRegistry(limit=1, max_queue=2)
    registry.submit([FakeJob()], "tab-0")
    registry.submit([FakeJob()], "tab-1")
    registry.submit([FakeJob()], "tab-2")
    late = FakeJob()
    with pytest.raises(JobRefused, match="The line is full: 2 runs already wait"):
        registry.submit([late], "tab-3")
    assert late.state is JobState.PENDING and registry.place(late) is None and registry.waiting() == 2


def test_a_tab_holds_one_place_in_line_and_a_race_holds_two():
    registry = JobRegistry(limit=2, max_queue=3)
    registry.submit([FakeJob(), FakeJob()], "racing-tab")  # starts at once: both slots
    registry.submit([FakeJob()], "tab")
    with pytest.raises(JobRefused, match="already has a run waiting"):
        registry.submit([FakeJob()], "tab")
    race = [FakeJob(), FakeJob()]
    registry.submit(race, "another-tab")
    assert registry.waiting() == 3 and registry.place(race[0]) == registry.place(race[1])
    with pytest.raises(JobRefused, match="line is full"):
        registry.submit([FakeJob()], "a-third-tab")


def test_a_race_starts_its_two_runners_together_first_come_first_served():
    owners = Owners()
    registry = JobRegistry(limit=2, is_owner_alive=owners, poll=0.02)
    busy = FakeJob()
    registry.submit([busy], "tab-0")
    race, later = [FakeJob(), FakeJob()], FakeJob()
    registry.submit(race, "racing-tab")
    registry.submit([later], "tab-2")  # a slot is free, but the race came first
    wait_for(lambda: len(owners.times("tab-2")) >= 2)  # two rounds of the line with the slot free
    assert {job.state for job in race + [later]} == {JobState.PENDING}
    busy.finish()
    wait_for(lambda: race[0].state is JobState.RUNNING)
    assert race[1].state is JobState.RUNNING and later.state is JobState.PENDING


def test_a_race_on_a_one_slot_server_is_refused():
    with pytest.raises(JobRefused, match="trains at most 1 at once"):
        JobRegistry(limit=1).submit([FakeJob(), FakeJob()], "tab")


def test_a_race_that_the_shrunk_capacity_cannot_hold_is_cancelled_and_the_line_moves_on():
    slots = [2]
    registry = JobRegistry(limit=lambda: slots[0], poll=0.02)
    busy, race, behind = FakeJob(), [FakeJob(), FakeJob()], FakeJob()
    registry.submit([busy], "tab-0")
    registry.submit(race, "racing-tab")
    registry.submit([behind], "tab-2")
    slots[0] = 1  # a machine left the cluster
    wait_for(lambda: race[0].state is JobState.CANCELLED)
    assert "needs 2 training slots at once" in race[0].reason and registry.place(behind).position == 1
    busy.finish()
    wait_for(lambda: behind.state is JobState.RUNNING)
    behind.finish()


def test_the_capacity_may_change_while_runs_wait():
    slots = [1]
    registry = JobRegistry(limit=lambda: slots[0], poll=0.02)
    first, second = FakeJob(), FakeJob()
    registry.submit([first], "tab-1")
    registry.submit([second], "tab-2")
    slots[0] = 2  # a machine joined the cluster
    wait_for(lambda: second.state is JobState.RUNNING)
    first.finish(), second.finish()


def test_job_of_a_gone_owner_is_stopped_after_the_grace_period():
    alive = {"tab-1": True, "tab-2": True}
    registry = JobRegistry(limit=2, is_owner_alive=alive.__getitem__, grace=0.3, poll=0.05)
    kept, orphan = FakeJob(), FakeJob()
    registry.submit([kept], "tab-1")
    registry.submit([orphan], "tab-2")
    alive["tab-2"] = False
    assert orphan.stopped.wait(timeout=5)
    assert not kept.stopped.is_set()
    kept.finish()


def test_a_closed_tabs_waiting_run_leaves_the_line():
    alive = {"tab-1": True, "closed-tab": True, "tab-3": True}
    registry = JobRegistry(limit=1, is_owner_alive=alive.__getitem__, grace=0.2, poll=0.02)
    running, gone, behind = FakeJob(), FakeJob(), FakeJob()
    for owner, job in zip(alive, (running, gone, behind), strict=True):
        registry.submit([job], owner)
    alive["closed-tab"] = False
    wait_for(lambda: gone.state is JobState.CANCELLED)
    assert registry.place(behind).position == 1
    running.finish()
    wait_for(lambda: behind.state is JobState.RUNNING)
    assert gone.started_at is None
    behind.finish()


def test_owner_back_within_grace_keeps_the_job():
    owners = Owners(tab=False)
    registry = JobRegistry(limit=1, is_owner_alive=owners, grace=1.0, poll=0.05)
    job = FakeJob()
    registry.submit([job], "tab")
    wait_for(lambda: len(owners.times("tab", False)) >= 2)  # the registry has seen the tab gone
    owners.alive["tab"] = True  # e.g. a reconnect
    gone_at = owners.times("tab", False)[0]  # the grace counts from here
    past_the_grace = gone_at + registry.grace + registry.poll
    # Asked after it, and once more: the round that asked first had done with the answer by then.
    wait_for(lambda: len([at for at in owners.times("tab") if at >= past_the_grace]) >= 2)
    assert not job.stopped.is_set()
    job.finish()


def test_bounds_must_make_sense():
    with pytest.raises(ValueError):
        JobRegistry(limit=0)
    with pytest.raises(ValueError):
        JobRegistry(max_queue=-1)


def test_tabs_starting_pairs_at_the_same_moment_never_split_a_pair():
    """Eight tabs press Start of a race at once on a server with room for three jobs."""
    registry = JobRegistry(limit=3, max_queue=20, poll=60)
    pairs = [[FakeJob(), FakeJob()] for _ in range(8)]
    barrier = threading.Barrier(len(pairs))

    def press(number, pair):
        barrier.wait()
        registry.submit(pair, f"tab-{number}")

    threads = [threading.Thread(target=press, args=item) for item in enumerate(pairs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(pair[0].state is JobState.RUNNING for pair in pairs) == 1
    assert all(len({job.state for job in pair}) == 1 for pair in pairs)
    assert registry.waiting() == 14


class UnstartableJob(FakeJob):
    def start(self):
        raise RuntimeError("can't start new thread")


def test_a_job_that_cannot_start_leaves_no_slot_taken_and_stops_its_partner():
    registry = JobRegistry(limit=2)
    partner = FakeJob()
    with pytest.raises(JobRefused, match="could not start: can't start new thread"):
        registry.submit([partner, UnstartableJob()], "tab")
    registry.active()  # the partner started and was stopped: its slot is free once it has ended
    assert registry.waiting() == 0 and partner.stopped.is_set() and "could not start" in partner.reason
    registry.submit([FakeJob(), FakeJob()], "tab")
    assert registry.active() == 2


def test_the_wait_counts_the_runs_ahead_first_come_first_served():
    # Two slots free at 10 s and 30 s; ahead: a 20 s run, then a race of 5 s and 8 s.
    assert wait_before_start([10, 30], [[20]], slots=2) == 10
    assert wait_before_start([10, 30], [[20], [5, 8]], slots=2) == 30  # both slots: 30 s
    assert wait_before_start([10, 30], [[20], [5, 8], [1]], slots=2) == 30 + 5
    assert wait_before_start([], [[7]], slots=2) == 0
    assert wait_before_start([50], [[4], [4]], slots=1) == 54  # never before those ahead


def test_the_wait_of_a_run_in_line_is_the_estimate_of_the_runs_ahead():
    registry = JobRegistry(limit=1)
    config = TrainingConfig("cnn", epochs=2, limit=10_000)
    registry.submit([FakeJob(config)], "tab-0")
    registry.submit([FakeJob(config)], "tab-1")
    third = FakeJob(config)
    registry.submit([third], "tab-2")
    one_run = RunTimes().estimate(config)
    assert registry.place(third).wait == pytest.approx(2 * one_run)


def test_run_times_learn_the_pace_of_finished_runs():
    times, config = RunTimes(), TrainingConfig("dense", epochs=2, limit=1000)
    times.learn("dense", images_trained=2000, seconds=20.0)
    assert times.estimate(config) == pytest.approx(SETUP_SECONDS + 20.0)
    assert times.estimate(TrainingConfig("dense", epochs=3, limit=1000)) == pytest.approx(
        SETUP_SECONDS + 30.0
    )


class BlockingJob(BaseJob):
    """A real job whose training waits until released (or stopped)."""

    def __init__(self):
        super().__init__(TrainingConfig("dense", epochs=1), save=lambda job: "saved")
        self.release = threading.Event()

    def _train(self):
        while not (self.release.is_set() or self.stop_requested):
            time.sleep(0.01)
        return TrainingResult({"loss": [1.0]}, 1, 0.5, 1.0, [], 0.1, 10, self.stop_requested)


def test_a_real_job_stopped_in_line_is_cancelled_at_once_and_never_starts():
    registry = JobRegistry(limit=1, poll=0.02)
    running, waiting, behind = BlockingJob(), BlockingJob(), FakeJob()
    registry.submit([running], "tab-1")
    registry.submit([waiting], "tab-2")
    registry.submit([behind], "tab-3")  # starts once the line has gone past the stopped run
    waiting.stop()
    assert waiting.join(timeout=1) and waiting.state is JobState.CANCELLED
    assert waiting.events() == [{"kind": "cancelled", "reason": "stopped while it waited in line"}]
    running.release.set()
    assert running.join(timeout=5) and running.state is JobState.FINISHED and running.saved_as == "saved"
    wait_for(lambda: behind.state is JobState.RUNNING)  # the freed slot went to the run behind it
    assert waiting.started_at == 0.0 and registry.active() == 1
    behind.finish()
    assert registry.active() == 0


class ReleasedJob(BlockingJob):
    """Trains at once."""

    def __init__(self):
        super().__init__()
        self.release.set()


def test_the_outcome_does_not_wait_for_the_collection_after_a_run(monkeypatch):
    """A full collection after a run (it frees the model's reference cycles) took up to 1.4 s after
    a stopped first run in a fresh server, and Stop's outcome showed only after it: now the job is
    done first, and collects after. Here the collection lasts until the test has seen the outcome."""
    collecting, outcome_seen = threading.Event(), threading.Event()

    def collect_until_the_outcome_is_seen() -> int:
        collecting.set()
        outcome_seen.wait(10)
        return 0

    monkeypatch.setattr(job_module, "gc", SimpleNamespace(collect=collect_until_the_outcome_is_seen))
    job = ReleasedJob().start()
    try:
        assert job.join(timeout=5) and job.state is JobState.FINISHED
        assert collecting.wait(5)  # the collection runs, after the outcome
        assert job.saved_as == "saved" and job.events()[-1]["kind"] == "finished"
    finally:
        outcome_seen.set()
