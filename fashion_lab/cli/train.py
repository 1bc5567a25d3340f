"""The command line's ``train`` command: a run in the foreground with a progress bar on stderr."""

from __future__ import annotations

import argparse
import sys

from fashion_lab.cli.output import describe_epoch, print_json, render_progress
from fashion_lab.cli.quiet_tensorflow import load_tensorflow
from fashion_lab.cli.stop_signals import stop_requests
from fashion_lab.i18n import _
from fashion_lab.training.config import TrainingConfig
from model_store import ModelStore, StoreError, validate_name


def training_config(args: argparse.Namespace, start_architecture: str | None = None) -> TrainingConfig:
    """The checked settings ``args`` ask for; ``start_architecture``: that of the --init-from
    model, the default architecture then, and the only one it can start."""
    config = TrainingConfig(
        architecture=args.arch or start_architecture or TrainingConfig.architecture,
        epochs=args.epochs,
        batch_size=args.batch_size,
        learning_rate=args.learning_rate,
        seed=args.seed,
        limit=args.limit,
        schedule=args.schedule,
        augment=args.augment,
        simulated_photos=args.simulated_photos,
        footwear_from_above=args.footwear_from_above,
        drawings=args.drawings,
        sketches=args.sketches,
        real_photos=args.real_photos,
        precision=args.precision,
        init_from=args.init_from,
    )
    config.validate()
    if start_architecture not in (None, config.architecture):
        raise ValueError(
            _("{model} is a {start}: it cannot start a {architecture}").format(
                model=repr(args.init_from), start=start_architecture, architecture=config.architecture
            )
        )
    return config


def command_train(args: argparse.Namespace, store: ModelStore) -> int:
    from fashion_lab.training.backends import backend_from_settings  # no TensorFlow: checks the Ray settings

    start = store.get(args.init_from) if args.init_from else None
    config = training_config(args, start.architecture if start else None)
    if args.name:
        validate_name(args.name)
    backend = backend_from_settings(slots=1, address=args.ray)
    load_tensorflow()
    from fashion_lab.training.saving import store_saver

    weights = store.load(start.name).get_weights() if start else None
    job = backend.new_job(config, save=store_saver(store, args.name), start_weights=weights).start()
    seen, stopping = 0, False
    with stop_requests() as asked:
        while not job.join(timeout=0.2):
            seen = _show_events(job, seen, config.epochs, args.quiet)
            if asked.is_set() and not stopping:  # once, however many times it is asked
                print("\n" + _("stopping after the current few batches..."), file=sys.stderr)
                job.stop()
                stopping = True
    _show_events(job, seen, config.epochs, args.quiet)
    if job.error:
        raise RuntimeError(_("training failed: {error}").format(error=job.error))
    if job.save_error:
        raise StoreError(_("training ended but saving failed: {error}").format(error=job.save_error))
    result = job.result
    if result is None:  # stopped before it trained anything (while photographing, say)
        print(_("stopped before training began: nothing saved"), file=sys.stderr)
        return 130
    if args.json:
        print_json(
            {
                "name": job.saved_as,
                "architecture": config.architecture,
                "state": job.state.value,
                "test_accuracy": result.test_accuracy,
                "seconds": result.train_seconds,
                "epochs_completed": result.epochs_completed,
                "history": result.history,
            }
        )
    else:
        outcome = {"finished": _("finished"), "stopped": _("stopped")}.get(job.state.value, job.state.value)
        print(
            _(
                "{outcome}: {architecture}, {epochs} epoch(s) in {seconds}s, test accuracy {accuracy}, "
                "saved as {name} in {folder}"
            ).format(
                outcome=outcome,
                architecture=config.architecture,
                epochs=result.epochs_completed,
                seconds=f"{result.train_seconds:.1f}",
                accuracy=f"{result.test_accuracy:.2%}",
                name=repr(job.saved_as),
                folder=store.root,
            )
        )
    return 0


def _show_events(job, seen: int, epochs: int, quiet: bool) -> int:
    events = job.events(seen)
    for event in events if not quiet else []:
        if event["kind"] == "batch":
            print(render_progress(event, epochs), end="", file=sys.stderr, flush=True)
        elif event["kind"] == "epoch":
            print(describe_epoch(event), file=sys.stderr, flush=True)
        elif event["kind"] == "simulating photos":
            said = _("photographing {count} garments in simulation...").format(count=f"{event['images']:,}")
            print(said, file=sys.stderr, flush=True)
        elif event["kind"] == "drawing garments":
            said = _("drawing {count} garments as a person would...").format(count=f"{event['images']:,}")
            print(said, file=sys.stderr, flush=True)
        elif event["kind"] == "sketching garments":
            said = _("sketching {count} garments as people draw them...")
            said = said.format(count=f"{event['sketches']:,}")
            print(said, file=sys.stderr, flush=True)
    return seen + len(events)
