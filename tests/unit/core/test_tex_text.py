"""A LaTeX document's source read as the text it typesets."""

from __future__ import annotations

from callshield import Engine
from callshield.core.tex_text import tex_reading
from callshield.pipeline import scan_text

LETTER = r"""\documentclass[11pt]{letter}
\begin{document}
\begin{letter}{John Tran \\ 71243 Kellie Branch \\ South Allisonburgh, OR~03225}
\opening{Dear John Tran,}
\begin{tabular}{@{}ll@{}}
Item & Value \\
Daytime phone & (404)~555--0138 \\
E-mail & \texttt{trn\_john@hotmail.com} \\
Settlement amount & \$4,780.09 \\
\end{tabular}
\end{letter}
\end{document}
"""


def test_the_source_read_as_it_typesets() -> None:
    reading = tex_reading(LETTER)
    assert reading is not None
    shown = reading.transcript
    assert "OR 03225" in shown
    assert "Daytime phone \t (404) 555-0138 \n" in shown
    assert "trn_john@hotmail.com" in shown
    assert "$4,780.09" in shown
    # a value typeset across a tie and a dash maps back to one span of the source
    lo = shown.index("(404)")
    [[span]] = reading.to_raw([(lo, lo + len("(404) 555-0138"))])
    assert LETTER[span[0] : span[1]] == "(404)~555--0138"


def test_no_document_no_reading() -> None:
    assert tex_reading("the cost is ~$40 -- call me") is None
    assert tex_reading("a \\textbf{bold} claim") is None


def test_a_letters_values_found_in_its_source(engine: Engine) -> None:
    found = {(f.entity.name, LETTER[f.start : f.end]) for f in scan_text(LETTER, engine)}
    assert ("PHONE", "(404)~555--0138") in found
    assert ("EMAIL", "trn\\_john@hotmail.com") in found
    assert ("US_ZIP", "03225") in found
