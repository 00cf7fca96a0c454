"""Fee bands, counted by hand (regulations.md §3)."""

import pytest

from gongkai.applications.fees import fee_per_application, fee_per_page


@pytest.mark.parametrize("n,yuan", [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200),
                                    (41, 300), (50, 300), (51, 400)])
def test_per_application(n, yuan):
    assert fee_per_application(n) == yuan


@pytest.mark.parametrize("pages,yuan", [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720),
                                        (200, 2700), (201, 2740), (250, 4700)])
def test_per_page(pages, yuan):
    # 100 pages: 70 × 10 = 700; 200: 700 + 100 × 20 = 2700; 250: 2700 + 50 × 40 = 4700.
    assert fee_per_page(pages) == yuan
