"""A multipart form's post read as "name: value" lines: each value after its part's name."""

from __future__ import annotations

from callshield import Engine
from callshield.core.multipart import multipart_reading
from callshield.pipeline import scan_text

_BOUNDARY = "------WebKitFormBoundaryL9eoNpoXR2kKpIhZ"


def _post(*parts: str) -> str:
    body = "".join(f"{_BOUNDARY}\r\n{part}\r\n" for part in parts)
    return f"POST /verify HTTP/1.1\r\nContent-Type: multipart/form-data\r\n\r\n{body}{_BOUNDARY}--"


#: A form's post (synthetic values): a licence, a first name, a date of birth, an upload.
POST = _post(
    'Content-Disposition: form-data; name="dl_number"\r\n\r\nH6258181',
    'Content-Disposition: form-data; name="first_name"\r\n\r\nHannah',
    'Content-Disposition: form-data; name="dob"\r\nContent-Type: text/plain\r\n\r\n1982-04-17',
    'Content-Disposition: form-data; name="scan"; filename="id.jpg"\r\n\r\nJFIF 4111111111',
)


def test_each_value_follows_its_part_s_name_and_maps_back() -> None:
    reading = multipart_reading(POST)
    assert reading is not None
    assert reading.transcript == "dl_number: H6258181\nfirst_name: Hannah\ndob: 1982-04-17\n"
    start = reading.transcript.index("H6258181")
    at = POST.index("H6258181")
    assert reading.to_raw([(start, start + 8)]) == [[(at, at + 8)]]


def test_no_parts_no_reading() -> None:
    assert multipart_reading("name=Hannah&dob=1982-04-17") is None


def test_a_posted_form_s_values_are_found_by_their_names(engine: Engine) -> None:
    found = {(f.entity.name, POST[f.start : f.end]) for f in scan_text(POST, engine)}
    assert found == {
        ("US_DRIVER_LICENSE", "H6258181"),
        ("PERSON", "Hannah"),
        ("DATE_OF_BIRTH", "1982-04-17"),
    }
