"""A synthetic support call rendered the way each vendor writes it, with planted values.

The shapes follow the vendors' published output: Amazon Transcribe batch JSON (`jobName`,
`results.transcripts`, `results.items` with string times and confidences, `speaker_labels`,
`audio_segments`), openai-whisper `verbose_json` (segments with `tokens`, `avg_logprob`, words
with a leading space and `probability`), the OpenAI API (top-level `words`), Google STT v1
(`results[].alternatives[0]` with `transcript`, `confidence`, `words` with "1.500s" times and
`speakerTag`, `resultEndTime`, `languageCode`).
"""

from __future__ import annotations

import json
from typing import Any

CARD = "4111 1111 1111 1111"
SSN = "078-05-1120"
EMAIL = "jane.doe@example.com"
#: Strings that must not appear anywhere in a redacted output.
GOLD = (CARD, "4111", SSN, "078-05", "05-1120", EMAIL, "jane.doe")

#: (speaker, tokens); a token that is only punctuation attaches to the word before it.
CALL: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("spk_0", ("Thank", "you", "for", "calling", "Acme", ",", "how", "can", "I", "help", "?")),
    ("spk_1", ("I", "want", "to", "pay", "my", "bill", ".")),
    ("spk_0", ("Sure", ",", "can", "I", "get", "the", "card", "number", "?")),
    ("spk_1", ("yes", ",", "it's", *CARD.split(), ".")),
    ("spk_0", ("thanks", ".", "And", "to", "verify", "?")),
    ("spk_1", ("my", "social", "is", SSN, ".")),
    ("spk_0", ("and", "your", "email", "?")),
    ("spk_1", ("my", "email", "is", EMAIL, ".")),
    ("spk_0", ("Great", ",", "you're", "all", "set", ".")),
)
#: The turns that carry a value, and the word that starts it.
PLANTED = {3: "4111", 5: SSN, 7: EMAIL}
PUNCT = {".", ",", "?", "!"}


def timed_call() -> list[tuple[str, list[tuple[str, float | None, float | None]]]]:
    """CALL with times: each word 0.3 s long, 0.1 s apart; punctuation has none."""
    t = 0.0
    out = []
    for speaker, tokens in CALL:
        timed: list[tuple[str, float | None, float | None]] = []
        for token in tokens:
            if token in PUNCT:
                timed.append((token, None, None))
            else:
                timed.append((token, round(t, 2), round(t + 0.3, 2)))
                t += 0.4
        out.append((speaker, timed))
        t += 0.5
    return out


def word_times(turn: int, word: str) -> tuple[float, float]:
    """When `word` (first occurrence) was said in turn `turn`."""
    for token, start, end in timed_call()[turn][1]:
        if token == word and start is not None and end is not None:
            return start, end
    raise KeyError(word)


def _attached(tokens: list[tuple[str, float | None, float | None]]) -> list[list[Any]]:
    """Words with following punctuation attached: [text, start, end]."""
    words: list[list[Any]] = []
    for token, start, end in tokens:
        if token in PUNCT and words:
            words[-1][0] += token
        else:
            words.append([token, start, end])
    return words


def _text(tokens: list[tuple[str, float | None, float | None]]) -> str:
    return " ".join(w[0] for w in _attached(tokens))


def aws(*, labels: str = "items", audio_segments: bool = True) -> dict[str, Any]:
    """Amazon Transcribe output; speakers on the items (`items`), only in
    `speaker_labels.segments` (`segments`), or as channels (`channels`)."""
    items: list[dict[str, Any]] = []
    segs, audio, channels = [], [], {"spk_0": [], "spk_1": []}  # type: ignore[var-annotated]
    for speaker, tokens in timed_call():
        label = {"spk_0": "ch_0", "spk_1": "ch_1"}[speaker] if labels == "channels" else speaker
        ids = []
        for token, start, end in tokens:
            item: dict[str, Any] = {"id": len(items)}
            if start is not None:
                item.update(start_time=f"{start:.3f}", end_time=f"{end:.3f}")
            item["alternatives"] = [
                {"confidence": "0.0" if start is None else "0.998", "content": token}
            ]
            item["type"] = "punctuation" if start is None else "pronunciation"
            if labels == "items":
                item["speaker_label"] = label
            if labels == "channels":
                item["channel_label"] = label
                channels[speaker].append(json.loads(json.dumps(item)))
            ids.append(item["id"])
            items.append(item)
        timed = [t for t in tokens if t[1] is not None]
        segs.append({
            "start_time": f"{timed[0][1]:.3f}", "end_time": f"{timed[-1][2]:.3f}",
            "speaker_label": label,
            "items": [{"start_time": f"{s:.3f}", "end_time": f"{e:.3f}", "speaker_label": label}
                      for _, s, e in timed],
        })  # fmt: skip
        audio.append({"id": len(audio), "transcript": _text(tokens),
                      "start_time": segs[-1]["start_time"], "end_time": segs[-1]["end_time"],
                      "speaker_label": label, "items": ids})  # fmt: skip
    transcript = " ".join(_text(tokens) for _, tokens in timed_call())
    results: dict[str, Any] = {"transcripts": [{"transcript": transcript}]}
    if labels in ("items", "segments"):
        results["speaker_labels"] = {"channel_label": "ch_0", "speakers": 2, "segments": segs}
    if labels == "channels":
        results["channel_labels"] = {
            "channels": [{"channel_label": "ch_0", "items": channels["spk_0"]},
                         {"channel_label": "ch_1", "items": channels["spk_1"]}],
            "number_of_channels": 2,
        }  # fmt: skip
    results["items"] = items
    if audio_segments:
        results["audio_segments"] = audio
    return {"jobName": "call-20240501-0001", "accountId": "123456789012", "status": "COMPLETED",
            "results": results}  # fmt: skip


def whisper(*, top_words: bool = False) -> dict[str, Any]:
    """openai-whisper `verbose_json` (words inside segments), or the OpenAI API shape with the
    words at the top level (`top_words`)."""
    segments, words_top = [], []
    for i, (_, tokens) in enumerate(timed_call()):
        words = _attached(tokens)
        text = "".join(" " + w[0] for w in words)
        seg: dict[str, Any] = {
            "id": i, "seek": 0, "start": words[0][1], "end": words[-1][2], "text": text,
            "tokens": [50364 + k for k in range(len(words) + 3)], "temperature": 0.0,
            "avg_logprob": -0.21, "compression_ratio": 1.31, "no_speech_prob": 0.01,
        }  # fmt: skip
        if top_words:
            words_top.extend({"word": w[0].strip(".,?"), "start": w[1], "end": w[2]} for w in words)
        else:
            seg["words"] = [{"word": " " + w[0], "start": w[1], "end": w[2], "probability": 0.97}
                            for w in words]  # fmt: skip
        segments.append(seg)
    full = "".join(s["text"] for s in segments)
    if top_words:
        return {"task": "transcribe", "language": "english", "duration": 60.0,
                "text": full.strip(), "segments": segments, "words": words_top}  # fmt: skip
    return {"text": full, "segments": segments, "language": "en"}


def google() -> dict[str, Any]:
    """Google Speech-to-Text v1 `recognize` response with diarization-style speaker tags."""
    results = []
    for speaker, tokens in timed_call():
        words = _attached(tokens)
        results.append({
            "alternatives": [{
                "transcript": " ".join(w[0] for w in words), "confidence": 0.93,
                "words": [{"startTime": f"{w[1]:.3f}s", "endTime": f"{w[2]:.3f}s", "word": w[0],
                           "confidence": 0.9, "speakerTag": int(speaker[-1]) + 1} for w in words],
            }],
            "resultEndTime": f"{words[-1][2]:.3f}s", "languageCode": "en-us",
        })  # fmt: skip
    return {"results": results, "totalBilledTime": "60s", "requestId": "8112212254893127212"}


def turns_lines() -> list[dict[str, Any]]:
    out = []
    for speaker, tokens in timed_call():
        words = _attached(tokens)
        out.append({
            "speaker": "agent" if speaker == "spk_0" else "customer",
            "start": words[0][1], "end": words[-1][2], "text": _text(tokens),
            "words": [{"w": w[0].strip(".,?"), "start": w[1], "end": w[2]} for w in words],
            "confidence": 0.91,
        })  # fmt: skip
    return out


def chat_lines() -> list[dict[str, Any]]:
    out = []
    for i, (speaker, tokens) in enumerate(timed_call()):
        role = "agent" if speaker == "spk_0" else "customer"
        out.append({"ts": f"2024-05-01T10:00:{i:02d}Z", "sender": f"{role}-17", "role": role,
                    "text": _text(tokens), "channel_id": "web"})  # fmt: skip
    return out


def dumps(value: Any) -> bytes:
    return json.dumps(value, indent=2).encode()


def jsonl(lines: list[Any]) -> bytes:
    return "".join(json.dumps(line) + "\n" for line in lines).encode()
