"""HTML to text with an offset map: what a reader sees (and what hides in attributes, comments
and scripts) is scanned, and redaction edits the source without breaking the markup."""

from __future__ import annotations

import time

import pytest

from callshield import Engine
from callshield.formats.html import TextEdit, html_to_text, redact_html


def _redact(engine: Engine, source: str) -> str:
    mapped = html_to_text(source)
    result = engine.redact(mapped.text)
    edits = [
        TextEdit(r.original.start, r.original.end, result.text[r.redacted.start : r.redacted.end])
        for r in result.replacements
    ]
    return redact_html(mapped, edits)


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("<p>a</p><p>b</p>", "a\nb\n"),
        ("a&amp;b &lt;c&gt; &#52;&#x31; &nbsp;x", "a&b <c> 41 x"),
        ("one\n   two\t\tthree", "one two three"),
        ("<td>a</td><td>b</td>", "a\tb"),
        ("x<style>p { color: red }</style>y", "xy"),
        ("a &unknown; b & c", "a &unknown; b & c"),
        ("1 < 2 and 3 <4", "1 < 2 and 3 <4"),
        ("<a href='mailto:x@y.z' title=\"T &amp; C\">go</a>", "go\nmailto:x@y.z\nT & C"),
        ("a<!-- hidden -->b", "ab\n hidden "),
        ("a<script>var s = 1;</script>b", "ab\nvar s = 1;"),
        ("<img src='data:image/png;base64,AAAA'>", ""),
    ],
    ids=["blocks", "entities", "whitespace", "cells", "style", "unknown-entity", "lone-lt",
         "attributes", "comment", "script", "data-uri"],
)  # fmt: skip
def test_text_is_what_a_reader_sees_plus_hidden_places(source: str, text: str) -> None:
    assert html_to_text(source).text == text


def test_every_text_character_maps_into_the_source() -> None:
    source = "<p>Dear &amp; <b>dear</b>,</p>\n<div>bye&nbsp;now</div><a href='x'>l</a>"
    mapped = html_to_text(source)
    assert len(mapped.starts) == len(mapped.ends) == len(mapped.text)
    for char, start, end in zip(mapped.text, mapped.starts, mapped.ends, strict=True):
        if start == end:  # a line break the source holds as a tag
            assert char in "\n\t"
        elif char.isalpha():
            assert mapped.source[start:end] == char


def test_redaction_across_tags_keeps_them(engine: Engine) -> None:
    source = "<p>card number <span>4111 1111</span> <b>1111</b> 1111.</p>"
    assert _redact(engine, source) == "<p>card number <span>[PAYMENT_CARD]</span><b></b>.</p>"


def test_redaction_in_attribute_and_comment(engine: Engine) -> None:
    source = (
        '<a href="mailto:jane.doe@example.com">mail</a><!-- ssn 078-05-1120 -->'
        "<p>SSN&#58; 078&#45;05&#45;1120</p>"
    )
    assert _redact(engine, source) == (
        '<a href="mailto:[EMAIL]">mail</a><!-- ssn [US_SSN] --><p>SSN&#58; [US_SSN]</p>'
    )


def test_replacement_is_escaped_for_html() -> None:
    mapped = html_to_text("<p>secret</p>")
    assert redact_html(mapped, [TextEdit(0, 6, "<x>")]) == "<p>&lt;x&gt;</p>"


def test_unterminated_tag_is_scanned_as_text(engine: Engine) -> None:
    source = "<p>ok</p><div title='card number 4111 1111 1111 1111"
    assert "4111 1111 1111 1111" in html_to_text(source).text
    assert "4111" not in _redact(engine, source)


def test_pathological_markup_is_linear() -> None:
    """Quadratic scanning of inputs this size would take minutes; linear takes well under 1 s."""
    started = time.perf_counter()
    for source in ("<a " * 20_000, "&" * 40_000, "<!--" * 20_000, "<a b='" * 20_000):
        html_to_text(source)
    assert time.perf_counter() - started < 3.0
