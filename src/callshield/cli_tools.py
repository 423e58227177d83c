"""The `callshield` commands beyond scan and redact: evaluation and the corpus, the entity
catalogue, audio redaction and live streams (registered on the app by `register`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from callshield.cli import CliError, Custom, Entities, MinScore, build_engine, err
from callshield.engine import DEFAULT_MIN_SCORE, Engine


def register(app: typer.Typer) -> None:
    app.command()(evaluate)
    app.command()(corpus)
    app.command("entities")(list_entities)
    app.command("redact-audio")(redact_audio)
    app.command("stream")(stream)


def evaluate(
    labels: Annotated[Path, typer.Argument(help='JSON lines {"text", "spans": [...]}')],
    min_score: MinScore = DEFAULT_MIN_SCORE,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write JSON.")] = None,
) -> None:
    """Per-entity precision / recall / F1 and the share of gold spans fully redacted."""
    from callshield.evaluation import evaluate as run_evaluation
    from callshield.evaluation import read_jsonl, render

    try:
        records = read_jsonl(labels)
    except FileNotFoundError:
        raise CliError(f"cannot read {labels}: no such file") from None
    engine = Engine(min_score=min_score)
    report = run_evaluation(records, engine.scan)
    render(report, Console())
    if json_out is not None:
        json_out.write_text(json.dumps(report.to_dict(), indent=2), encoding="utf-8")


def corpus(
    out: Annotated[Path, typer.Option(help="Where to write the JSONL corpus.")],
    n: Annotated[int, typer.Option(help="Number of records.")] = 2000,
    seed: Annotated[int, typer.Option(help="Random seed (the corpus is deterministic).")] = 7,
) -> None:
    """Generate the synthetic labelled development corpus (needs the dev extra: Faker)."""
    from callshield.evaluation import generate_corpus, write_jsonl

    out.parent.mkdir(parents=True, exist_ok=True)
    count = write_jsonl(generate_corpus(n=n, seed=seed), out)
    err.print(f"wrote {count} records to {out}")


def list_entities() -> None:
    """The entity catalogue with data categories."""
    from callshield.core.entities import Catalogue

    table = Table(title="Entity catalogue")
    table.add_column("entity")
    table.add_column("category")
    table.add_column("description")
    for entity in Catalogue():
        table.add_row(entity.name, entity.category, entity.description)
    Console().print(table)


def redact_audio(
    audio: Annotated[Path, typer.Argument(help="The call recording (WAV, FLAC, AIFF).")],
    transcript: Annotated[Path, typer.Argument(help="Its transcript, in any transcript format.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Where to write the redacted audio.")],
    tone: Annotated[bool, typer.Option("--tone", help="A 1 kHz tone instead of silence.")] = False,
    padding: Annotated[float, typer.Option(help="Seconds added around each range.")] = 0.1,
    per_channel: Annotated[
        bool, typer.Option("--per-channel", help="Redact a range on its speaker's channel only.")
    ] = False,
    channel_map: Annotated[
        str | None, typer.Option(help="With --per-channel: SPEAKER=CHANNEL,... (spk_0=0,spk_1=1)")
    ] = None,
    manifest: Annotated[Path | None, typer.Option(help="Default: OUT.manifest.json")] = None,
    no_dtmf: Annotated[bool, typer.Option("--no-dtmf", help="Do not detect key tones.")] = False,
    transcript_format: Annotated[
        str | None, typer.Option("--format", help="Transcript format (default: sniffed).")
    ] = None,
    min_score: MinScore = DEFAULT_MIN_SCORE,
    entities: Entities = None,
    custom: Custom = None,
) -> None:
    """Silence every redacted word and DTMF key press of a call; writes a manifest too."""
    from callshield.audio.command import AudioRequest, CallOptions, run_command

    options = CallOptions(tone, padding, per_channel, channel_map, dtmf=not no_dtmf)
    request = AudioRequest(audio, transcript, out, options, manifest, transcript_format)
    run_command(request, build_engine(min_score, entities, custom))


def stream(
    max_hold_words: Annotated[
        int, typer.Option(help="Release held turns once this many words followed them.")
    ] = 40,
    max_hold_seconds: Annotated[
        float, typer.Option(help="Release held turns after this much audio time.")
    ] = 8.0,
    interim: Annotated[
        bool, typer.Option("--interim", help="Emit interim results, redacted (default: drop).")
    ] = False,
    min_score: MinScore = DEFAULT_MIN_SCORE,
    entities: Entities = None,
    custom: Custom = None,
) -> None:
    """Redact a live transcript: JSONL segments on stdin, released segments on stdout."""
    from callshield.stream.command import StreamOptions, run_stream

    engine = build_engine(min_score, entities, custom)
    options = StreamOptions(max_hold_words, max_hold_seconds, interim)
    raise typer.Exit(run_stream(engine, sys.stdin.buffer, sys.stdout, sys.stderr, options))
