"""Alert payloads: the JSON body a webhook receives, and the RFC 5424 syslog line with a CEF
message that a SIEM receives. Built from the stored alert (which holds no value), so these
functions can never put a sensitive value on the wire.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from callshield.store.models import Incident

if TYPE_CHECKING:  # at run time store.incidents imports this module
    from callshield.store.incidents import RecordedEvent

VENDOR, PRODUCT, VERSION = "Callshield", "Callshield", "0.1.0"
#: RFC 5424 facility 13, "log audit".
SYSLOG_FACILITY = 13
#: Syslog severities (RFC 5424: 2 critical, 3 error, 4 warning, 5 notice) and CEF 0-10.
_SYSLOG_SEVERITY = {"low": 5, "medium": 4, "high": 3, "critical": 2}
_CEF_SEVERITY = {"low": 3, "medium": 5, "high": 8, "critical": 10}
#: The example private enterprise number of RFC 5424's own structured-data examples.
SD_ID = "callshield@32473"


def alert_payload(event: RecordedEvent, incident: Incident | None, key: str) -> dict[str, Any]:
    """The alert as stored in the outbox and sent to webhooks (JSON)."""
    return {
        "type": "callshield.alert",
        "version": 1,
        "idempotency_key": key,
        "event": {
            "id": event.id,
            "occurred_at": _iso(event.occurred_at),
            "actor": event.actor,
            "actor_role": event.actor_role,
            "channel": event.channel,
            "direction": event.direction,
            "document_id": event.document_id,
            "policy_id": event.policy_id,
            "policy_version": event.policy_version,
            "rule_id": event.rule_id,
            "action": event.action,
            "severity": event.severity,
            "justified": event.justification is not None,
        },
        "incident": None
        if incident is None
        else {"id": incident.id, "status": incident.status, "event_count": incident.event_count},
        "evidence": {k: event.evidence.get(k) for k in ("entities", "finding_count", "findings")},
    }


def json_body(payload: Mapping[str, Any]) -> bytes:
    """Canonical JSON bytes: the signature covers exactly these bytes."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":")).encode("utf-8")


def syslog_line(payload: Mapping[str, Any], hostname: str, now: datetime) -> str:
    """One RFC 5424 message: `<PRI>1 TIMESTAMP HOST APP PROCID MSGID [SD] CEF:0|...`."""
    event = payload["event"]
    severity = str(event.get("severity", "low"))
    pri = SYSLOG_FACILITY * 8 + _SYSLOG_SEVERITY.get(severity, 5)
    timestamp = now.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    sd = (
        f'[{SD_ID} eventId="{_sd(str(event.get("id")))}" '
        f'idempotencyKey="{_sd(str(payload.get("idempotency_key", "")))}"]'
    )
    host = _header_token(hostname, 255)
    return f"<{pri}>1 {timestamp} {host} callshield - alert {sd} {cef_message(payload)}"


def cef_message(payload: Mapping[str, Any]) -> str:
    """ArcSight CEF:0 with header fields escaped (`\\|`, `\\\\`) and key=value extensions."""
    event = payload["event"]
    incident = payload.get("incident") or {}
    severity = str(event.get("severity", "low"))
    signature = str(event.get("rule_id") or f"action.{event.get('action')}")
    name = f"DLP {event.get('action')} on {event.get('channel')}"
    entities = (payload.get("evidence") or {}).get("entities") or {}
    header = [VENDOR, PRODUCT, VERSION, signature, name, str(_CEF_SEVERITY.get(severity, 3))]
    extensions = {
        "rt": str(_epoch_ms(str(event.get("occurred_at", "")))),
        "suser": event.get("actor"),
        "act": event.get("action"),
        "externalId": event.get("id"),
        "cs1Label": "rule",
        "cs1": event.get("rule_id") or "",
        "cs2Label": "policy",
        "cs2": f"{event.get('policy_id') or ''}:{event.get('policy_version') or ''}",
        "cs3Label": "channel",
        "cs3": event.get("channel"),
        "cs4Label": "entities",
        "cs4": ",".join(f"{k}:{v}" for k, v in sorted(entities.items())),
        "cs5Label": "incident",
        "cs5": incident.get("id") or "",
        "cs6Label": "idempotencyKey",
        "cs6": payload.get("idempotency_key", ""),
        "cnt": incident.get("event_count") or 1,
    }
    ext = " ".join(f"{k}={_cef_value(str(v))}" for k, v in extensions.items())
    return "CEF:0|" + "|".join(_cef_header(h) for h in header) + "|" + ext


def _cef_header(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("\r", " ")


def _cef_value(value: str) -> str:
    value = value.replace("\\", "\\\\").replace("=", "\\=")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\r")


def _sd(value: str) -> str:
    """RFC 5424 PARAM-VALUE escaping: `"`, `\\` and `]`."""
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("]", "\\]")


def _header_token(value: str, limit: int) -> str:
    """A header field is printable US-ASCII without spaces, or `-` when empty."""
    cleaned = "".join(c for c in value if 33 <= ord(c) <= 126)[:limit]
    return cleaned or "-"


def _iso(moment: datetime) -> str:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat()


def _epoch_ms(iso: str) -> int:
    try:
        return int(datetime.fromisoformat(iso).timestamp() * 1000)
    except ValueError:
        return 0
