"""Settings come from ACCORDLINE_* variables, typed, with a clear error for bad values."""

from pathlib import Path

import pytest

from server.settings import Settings, SettingsError


def test_defaults_and_typed_overrides():
    settings = Settings.from_env(
        {
            "ACCORDLINE_PORT": "9001",
            "ACCORDLINE_DB": "/tmp/x.sqlite",
            "ACCORDLINE_FAST_PATH": "no",
            "ACCORDLINE_WORKERS": "2",
            "UNRELATED": "1",
        }
    )
    assert (settings.port, settings.db, settings.fast_path, settings.workers) == (
        9001,
        Path("/tmp/x.sqlite"),
        False,
        2,
    )
    assert settings.host == "127.0.0.1"
    assert Settings.from_env({}) == Settings()


@pytest.mark.parametrize(
    ("name", "value"), [("ACCORDLINE_PORT", "eighty"), ("ACCORDLINE_GRAPHIQL", "maybe")]
)
def test_bad_values_are_named(name, value):
    with pytest.raises(SettingsError) as caught:
        Settings.from_env({name: value})
    assert str(caught.value).startswith(f"{name}='{value}' is not a valid")


@pytest.mark.parametrize(
    "value", ["accordline.example", "https://accordline.example/path", "ftp://x", "https://"]
)
def test_a_public_url_must_be_a_site_address(value):
    with pytest.raises(SettingsError) as caught:
        Settings.from_env({"ACCORDLINE_PUBLIC_URL": value})
    assert "is not a site address" in str(caught.value)
    settings = Settings.from_env({"ACCORDLINE_PUBLIC_URL": "https://accordline.example:8443"})
    assert settings.public_url == "https://accordline.example:8443"
