"""The one parser for numeric settings and the one quoting of names in messages."""

from __future__ import annotations

import pytest

from defnews import settings
from defnews.errors import InputError, shown


@pytest.mark.parametrize("raw", ["nan", "inf", "-inf", "1e400", "-1", "1e20", "zwei", "", " "])
def test_bad_floats_name_the_setting_and_range(raw: str) -> None:
    with pytest.raises(InputError) as info:
        settings.parse_float("DEFNEWS_MAX_LENGTH_RATIO", raw, 0.0, 100.0)
    assert info.value.message.startswith("DEFNEWS_MAX_LENGTH_RATIO must be a number from 0 to 100")
    assert "\n" not in info.value.message


@pytest.mark.parametrize("raw", ["-1", "100000000000000000000", "1.5", "4x", "", "5000"])
def test_bad_thread_counts_are_refused(raw: str) -> None:
    with pytest.raises(InputError) as info:
        settings.threads(raw)
    assert info.value.message.startswith("--threads must be a whole number from 0 to ")


def test_good_values_pass() -> None:
    assert settings.parse_float("x", " 2.5 ", 0, 3) == 2.5
    assert settings.threads("0") == 0 and settings.threads(4) == 4
    assert settings.beam_size("16") == 16
    assert settings.ratio(0.3) == 0.3


@pytest.mark.parametrize("raw", [float("nan"), 0.0, -0.5, 1.5, float("inf")])
def test_bad_ratios_are_refused(raw: float) -> None:
    # click's FloatRange lets nan through (every comparison with nan is false); the
    # summariser then raised ValueError (an internal error)
    with pytest.raises(InputError, match="--ratio must be a number from 0.01 to 1"):
        settings.ratio(raw)


def test_environment_values_go_through_the_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEFNEWS_MAX_INPUT_MB", "nan")
    with pytest.raises(InputError, match="DEFNEWS_MAX_INPUT_MB must be a number"):
        settings.max_input_bytes()
    monkeypatch.setenv("DEFNEWS_MAX_INPUT_MB", "0.5")
    assert settings.max_input_bytes() == 512 * 1024
    monkeypatch.setenv("DEFNEWS_MAX_INPUT_MB", "")
    assert settings.max_input_bytes() == 20 * 1024 * 1024
    monkeypatch.setenv("DEFNEWS_MAX_LENGTH_RATIO", "-1")
    with pytest.raises(InputError, match="DEFNEWS_MAX_LENGTH_RATIO"):
        settings.max_length_ratio()


def test_empty_device_means_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEFNEWS_DEVICE", "")
    assert settings.device() is None
    monkeypatch.setenv("DEFNEWS_DEVICE", " CPU ")
    assert settings.device() == "cpu"
    monkeypatch.setenv("DEFNEWS_DEVICE", "tpu")
    with pytest.raises(InputError, match="DEFNEWS_DEVICE must be auto, cpu or cuda"):
        settings.device()


@pytest.mark.parametrize(("name", "expected"), [
    ("artikel.md", "artikel.md"),
    ("Bericht über Kiel.txt", "Bericht über Kiel.txt"),
    ("a\nb.txt", "'a\\nb.txt'"),
    ("\x1b[31mrot.md", "'\\x1b[31mrot.md'"),
    ("x\udcff.md", "'x\\xff.md'"),
    ("it's.md", "'it\\'s.md'"),
    ("", "''"),
])
def test_shown_quotes_names_that_could_break_a_message(name: str, expected: str) -> None:
    assert shown(name) == expected
    assert "\n" not in shown(name) and "\x1b" not in shown(name)


def test_thread_cap_follows_the_address_space_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    import resource

    monkeypatch.setattr(resource, "getrlimit",
                        lambda which: (1536 << 20, resource.RLIM_INFINITY))
    assert settings.max_threads() == 32  # (1.5 GiB - 1 GiB) / 16 MiB
    with pytest.raises(InputError) as info:
        settings.threads("64")  # measured: aborts CTranslate2 under 1.5 GB
    assert "from 0 to 32" in info.value.message and "ulimit -v" in (info.value.hint or "")
    monkeypatch.setattr(resource, "getrlimit",
                        lambda which: (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    assert settings.max_threads() >= 64
