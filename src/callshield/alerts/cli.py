"""`callshield alerts ...`: deliver the outbox, show its state, requeue dead letters.

Registered on the main CLI with `app.add_typer(alerts_app, name="alerts")`; also runnable as
`python -m callshield.alerts.cli`. Heavy imports happen inside the commands.
"""

from __future__ import annotations

import json
import logging
import signal
import sys
import threading
from typing import Annotated, Any

import typer

alerts_app = typer.Typer(help="Alert delivery through the outbox.", no_args_is_help=True)
log = logging.getLogger("callshield.alerts")


def _engine() -> Any:
    from callshield.config import load_settings
    from callshield.store.db import make_engine

    return make_engine(load_settings().resolved_database_url)


def _sessions(engine: Any = None) -> Any:
    from callshield.store.db import session_factory

    return session_factory(engine if engine is not None else _engine())


def _keyring() -> Any:
    """The vault keyring from the settings: it opens the destinations' sealed secrets."""
    from callshield.config import load_settings, resolve_secrets
    from callshield.vault.keys import configured_previous, keyring_for

    settings = load_settings()
    secrets = resolve_secrets(settings)
    return keyring_for(secrets.vault_key, settings.secrets_dir, configured_previous(settings))


@alerts_app.command("deliver")
def deliver(
    once: Annotated[bool, typer.Option("--once", help="Deliver what is due, then exit.")] = False,
    batch_size: Annotated[int, typer.Option(min=1, max=1000, help="Rows per claim.")] = 50,
    lease: Annotated[float, typer.Option(min=0.1, help="Seconds a claim holds a row.")] = 60.0,
    poll: Annotated[float, typer.Option(min=0.01, help="Seconds between idle polls.")] = 1.0,
    timeout: Annotated[float, typer.Option(min=0.1, help="Per-delivery timeout (s).")] = 5.0,
    backoff_base: Annotated[float, typer.Option(min=0.0, help="First retry delay (s).")] = 2.0,
    backoff_max: Annotated[float, typer.Option(min=0.0, help="Longest retry delay (s).")] = 900.0,
) -> None:
    """Deliver due alerts until stopped (SIGTERM/SIGINT), or once with --once."""
    from callshield.alerts.outbox import Backoff
    from callshield.alerts.worker import Deliverer, DeliveryConfig, run_forever

    config = DeliveryConfig(batch_size, lease, timeout, poll, Backoff(backoff_base, backoff_max))
    from callshield.store.db import WriteLock

    engine = _engine()
    # the same file lock as the service's workers: their audited writes queue, not retry
    deliverer = Deliverer(_sessions(engine), config, _keyring(), WriteLock.for_engine(engine))
    try:
        if once:
            result = deliverer.drain()
            sys.stderr.write(
                f"delivered={result.delivered} retried={result.retried} dead={result.dead}\n"
            )
            return
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        run_forever(deliverer, stop)
    finally:
        deliverer.close()


@alerts_app.command("status")
def status() -> None:
    """Outbox rows per status, as JSON on stdout."""
    from callshield.alerts.outbox import counts

    with _sessions()() as session:
        sys.stdout.write(json.dumps(counts(session)) + "\n")


@alerts_app.command("requeue")
def requeue(
    ids: Annotated[
        list[int] | None, typer.Option("--id", help="Outbox ids (default: all).")
    ] = None,
) -> None:
    """Put dead letters back in the queue with a fresh attempt budget."""
    from datetime import UTC, datetime

    from callshield.alerts.outbox import requeue as requeue_rows

    with _sessions()() as session:
        moved = requeue_rows(session, datetime.now(UTC), ids or None)
        session.commit()
    sys.stderr.write(f"requeued {moved}\n")


if __name__ == "__main__":
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="%(name)s %(message)s")
    alerts_app()
