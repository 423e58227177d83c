"""Property-based API testing from our own /openapi.json: no request, however odd, gets a 5xx.

Bounded: a dozen generated requests per operation, with an admin token so every route is
exercised past authentication (the role table checks refusals separately). Driven through
schemathesis's Python API (its pytest plugin does not load under our pytest version).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from callshield.api import build_state, create_app
from callshield.config import Secrets, load_settings
from callshield.credentials import issue_token
from callshield.store.db import upgrade

SECRETS = Secrets(b"t" * 48, b"f" * 48, b"v" * 48)

TOKEN = issue_token(SECRETS.token_signing_key, "admin", "admin", ttl_s=3600)


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Any:
    home: Path = tmp_path_factory.mktemp("schemathesis")
    url = f"sqlite:///{home / 'db.sqlite'}"
    upgrade(url)
    settings_ = load_settings(home=home, database_url=url)
    app = create_app(settings_, build_state(settings_, SECRETS))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_no_server_errors(api_schema: Any) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=12, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))  # fmt: skip
        def check(case: schemathesis.Case) -> None:
            response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
            case.validate_response(response, checks=[not_a_server_error])

        check()
