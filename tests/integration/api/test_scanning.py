"""POST /v1/scan and /v1/redact: text, structured content and file uploads; problem+json
errors that never echo input; the request size limit."""

from __future__ import annotations

import json

CARD = "4111 1111 1111 1111"
SSN = "078-05-1120"


def test_scan_text_returns_findings_without_values(api) -> None:  # type: ignore[no-untyped-def]
    text = f"my card is {CARD} and my social is {SSN}"
    reply = api.client.post("/v1/scan", json={"text": text}, headers=api.headers["agent"])
    assert reply.status_code == 200
    body = reply.json()
    assert [(f["entity"], text[f["start"] : f["end"]]) for f in body["findings"]] == [
        ("PAYMENT_CARD", CARD), ("US_SSN", SSN)
    ]  # fmt: skip
    assert body["counts"] == {"PAYMENT_CARD": 1, "US_SSN": 1}
    assert CARD not in reply.text and SSN not in reply.text
    assert all(f["reasons"] and len(f["fingerprint"]) == 32 for f in body["findings"])


def test_redact_text_with_operators(api) -> None:  # type: ignore[no-untyped-def]
    body = {"text": f"card {CARD}", "operators": {"PAYMENT_CARD": {"op": "mask", "keep_last": 4}}}
    reply = api.client.post("/v1/redact", json=body, headers=api.key_headers["agent"])
    assert reply.status_code == 200, reply.text
    assert reply.json()["text"] == "card **** **** **** 1111"


def test_redact_reads_a_labelled_transcript_text_turn_by_turn(api) -> None:  # type: ignore[no-untyped-def]
    text = "Agent: what's the card number?\nCustomer: 4532 0151\nCustomer: 1283 0366\n"
    reply = api.client.post("/v1/redact", json={"text": text}, headers=api.headers["agent"])
    assert reply.status_code == 200, reply.text
    assert reply.json()["text"] == (
        "Agent: what's the card number?\nCustomer: [PAYMENT_CARD]\nCustomer: [PAYMENT_CARD]\n"
    )


def test_entities_filter_and_unknown_entity_fails_closed(api) -> None:  # type: ignore[no-untyped-def]
    text = f"card {CARD} ssn {SSN}"
    only = {"text": text, "entities": ["US_SSN"]}
    reply = api.client.post("/v1/scan", json=only, headers=api.headers["agent"])
    assert [f["entity"] for f in reply.json()["findings"]] == ["US_SSN"]
    bad = {"text": text, "entities": ["NOT_AN_ENTITY"]}
    reply = api.client.post("/v1/scan", json=bad, headers=api.headers["agent"])
    assert reply.status_code == 422
    assert reply.headers["content-type"] == "application/problem+json"
    assert "NOT_AN_ENTITY" in reply.json()["detail"]


def test_fingerprints_are_stable_across_app_instances(api) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from callshield.api import build_state, create_app

    again = build_state(api.state.settings, api.state.secrets)
    other = TestClient(create_app(api.state.settings, again))
    one = api.client.post("/v1/scan", json={"text": CARD}, headers=api.headers["agent"])
    two = other.post("/v1/scan", json={"text": CARD}, headers=api.headers["agent"])
    assert one.json()["findings"][0]["fingerprint"] == two.json()["findings"][0]["fingerprint"]


def test_validation_errors_name_the_field_and_never_echo_input(api) -> None:  # type: ignore[no-untyped-def]
    for body in ({"text": [CARD]}, {"text": CARD, "content": {"x": CARD}}, {"txt": CARD},
                 {"text": CARD, "context": {"channel": CARD}}):  # fmt: skip
        reply = api.client.post("/v1/scan", json=body, headers=api.headers["agent"])
        assert reply.status_code == 422, body
        assert reply.headers["content-type"] == "application/problem+json"
        assert "4111" not in reply.text and "errors" in reply.json()
    reply = api.client.post(
        "/v1/scan",
        content=b'{"text": "4111 1111 1111 1111"',
        headers={**api.headers["agent"], "content-type": "application/json"},
    )
    assert reply.status_code == 422 and "4111" not in reply.text


def test_body_over_the_limit_is_413(api) -> None:  # type: ignore[no-untyped-def]
    limit = api.state.settings.max_request_bytes
    reply = api.client.post(
        "/v1/scan",
        content=json.dumps({"text": "a" * (limit + 10)}),
        headers={**api.headers["agent"], "content-type": "application/json"},
    )
    assert reply.status_code == 413
    assert reply.headers["content-type"] == "application/problem+json"


def test_unsupported_media_type_is_415(api) -> None:  # type: ignore[no-untyped-def]
    reply = api.client.post("/v1/scan", content=b"text", headers={**api.headers["agent"],
                            "content-type": "text/plain"})  # fmt: skip
    assert reply.status_code == 415


def test_file_upload_is_scanned_and_redacted(api) -> None:  # type: ignore[no-untyped-def]
    files = {"file": ("note.txt", f"call me about card {CARD}".encode(), "text/plain")}
    reply = api.client.post("/v1/redact", files=files, headers=api.headers["agent"])
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["findings"][0]["entity"] == "PAYMENT_CARD"
    import base64

    redacted = body.get("text") or base64.b64decode(body["content_base64"]).decode()
    assert CARD not in redacted and "[PAYMENT_CARD]" in redacted


def test_token_endpoint_accepts_the_oauth2_form_and_refuses_wrong_passwords(api) -> None:  # type: ignore[no-untyped-def]
    form = {
        "grant_type": "password",
        "username": "agent1",
        "password": "correct-horse-battery-staple",
    }
    reply = api.client.post("/v1/auth/token", data=form)
    assert reply.status_code == 200 and reply.json()["token_type"] == "bearer"
    wrong = api.client.post("/v1/auth/token", json={"username": "agent1", "password": "nope"})
    assert wrong.status_code == 401 and "nope" not in wrong.text
    ghost = api.client.post("/v1/auth/token", json={"username": "ghost", "password": "nope"})
    assert ghost.status_code == 401 and ghost.json()["detail"] == wrong.json()["detail"]


def test_openapi_is_served(api) -> None:  # type: ignore[no-untyped-def]
    spec = api.client.get("/openapi.json").json()
    assert "/v1/scan" in spec["paths"] and "ScanRequest" in spec["components"]["schemas"]
    content = spec["paths"]["/v1/redact"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(content)


def test_responses_have_the_documented_shape(api) -> None:  # type: ignore[no-untyped-def]
    """The scan routes build their JSON by hand (`scanning._process`); it must stay what the
    OpenAPI document (`ScanResponse`, `FindingOut`) promises, for text, content and files."""
    from callshield.api.routes.scanning import FindingOut, ScanResponse

    whisper = {"segments": [
        {"id": 0, "start": 0.0, "end": 2.5, "text": f" my card is {CARD}"},
        {"id": 1, "start": 2.5, "end": 4.0, "text": f" ssn {SSN}"},
    ]}  # fmt: skip
    note = {"file": ("note.txt", f"call me about card {CARD}".encode(), "text/plain")}
    requests = [  # path, request, the redacted output it carries (None: whichever fits the file)
        ("/v1/scan", {"json": {"text": f"card {CARD}"}}, set()),
        ("/v1/redact", {"json": {"text": f"card {CARD}"}}, {"text"}),
        ("/v1/redact", {"json": {"content": whisper, "format": "whisper"}}, {"content"}),
        ("/v1/redact", {"files": note}, None),
    ]  # fmt: skip
    for path, request, redacted in requests:
        reply = api.client.post(path, headers=api.headers["agent"], **request)
        assert reply.status_code == 200, (path, reply.text)
        body = reply.json()
        assert set(body) <= set(ScanResponse.model_fields), (path, set(body))
        assert {"document_id", "format", "findings", "counts", "errors"} <= set(body)
        assert None not in body.values()  # left out, as `exclude_none` did
        assert ScanResponse.model_validate(body).findings  # each finding validates as well
        for finding in body["findings"]:
            assert set(finding) <= set(FindingOut.model_fields), finding
        shown = {"text", "content", "content_base64"} & set(body)
        assert len(shown) == 1 if redacted is None else shown == redacted, (path, shown)
        assert CARD not in reply.text
