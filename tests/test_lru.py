"""The one bounded cache shape (server/http/lru.py) every in-memory cache is built on."""

from server.http.lru import LRU


def test_least_recently_used_goes_first_when_over_the_entry_bound():
    cache = LRU(max_entries=2, max_bytes=100)
    cache.put("a", 1, 1)
    cache.put("b", 2, 1)
    assert cache.get("a") == 1  # "b" is now the least recently used
    cache.put("c", 3, 1)
    assert "b" not in cache and cache.get("a") == 1 and cache.get("c") == 3
    assert len(cache) == 2 and cache.bytes == 2


def test_the_byte_bound_evicts_as_many_as_it_takes():
    cache = LRU(max_entries=10, max_bytes=10)
    for key in "abcd":
        cache.put(key, key, 3)
    assert cache.bytes == 9 and len(cache) == 3
    cache.put("e", "e", 7)  # 16 bytes: "b" and "c" go, oldest first
    assert [k for k in "abcde" if k in cache] == ["d", "e"]
    assert cache.bytes == 10


def test_an_item_over_its_bound_is_not_kept_and_evicts_nothing():
    cache = LRU(max_entries=10, max_bytes=100, max_item=10)
    cache.put("small", "x", 5)
    cache.put("big", "y", 11)
    assert "big" not in cache and cache.get("small") == "x" and cache.bytes == 5


def test_a_present_key_is_kept_as_it_is():
    cache = LRU(max_entries=10, max_bytes=100)
    cache.put("k", "first", 5)
    cache.put("k", "second", 50)
    assert cache.get("k") == "first" and cache.bytes == 5
    cache.clear()
    assert len(cache) == 0 and cache.bytes == 0 and cache.get("k") is None
