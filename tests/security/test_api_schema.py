"""The JSON API against its own OpenAPI description (schemathesis, property-based): any
query string gives a documented answer, never a server error, and only public items."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_api_keeps_its_description(budget_items):
    from django.core.wsgi import get_wsgi_application

    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} == {"/api/catalog/", "/api/items/"}
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            response = case.call_and_validate()
            assert "财务处内部经费分配方案" not in response.text    # the campus-only item, on no page
        check()
