import pytest

from lambdas.core.errors import SettingsError
from lambdas.core.settings import load_settings


def test_defaults_follow_the_design(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ZONE", "HISTORY_DAYS", "ELECTRICITYMAPS_API_URL", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    settings = load_settings()
    assert settings.zone == "US-CAL-LDWP"
    assert settings.history_days == 30
    assert settings.electricitymaps_api_url == "https://api.electricitymaps.com/v3"
    assert settings.database_url is None


def test_values_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HISTORY_DAYS", "7")
    monkeypatch.setenv("ZONE", "US-CAL-CISO")
    settings = load_settings()
    assert (settings.history_days, settings.zone) == (7, "US-CAL-CISO")


def test_names_match_whatever_their_case(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZONE", raising=False)
    monkeypatch.setenv("zone", "US-CAL-CISO")
    monkeypatch.setenv("GRIDLA_UNRELATED", "left alone")
    assert load_settings().zone == "US-CAL-CISO"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("HISTORY_DAYS", "thirty"),
        ("HISTORY_DAYS", "0"),
        ("LOG_LEVEL", "LOUD"),
        ("ELECTRICITYMAPS_API_URL", "not a url"),
    ],
)
def test_a_malformed_variable_fails_naming_it(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith(f"{variable}:")
    assert "\n" not in message


def test_a_missing_required_setting_fails_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STATE_MACHINE_ARN", raising=False)
    with pytest.raises(SettingsError, match=r"^STATE_MACHINE_ARN is not set"):
        load_settings().require("state_machine_arn")


def test_a_secret_is_returned_in_clear_only_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ELECTRICITYMAPS_TOKEN", "s3cr3t")
    settings = load_settings()
    assert "s3cr3t" not in repr(settings)
    assert settings.require("electricitymaps_token") == "s3cr3t"


def test_retention_defaults_and_their_order(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings()
    assert (
        settings.retention_every_run_days,
        settings.retention_daily_run_days,
        settings.retention_forecast_days,
    ) == (7, 180, 365)
    monkeypatch.setenv("RETENTION_EVERY_RUN_DAYS", "30")
    monkeypatch.setenv("RETENTION_DAILY_RUN_DAYS", "14")
    with pytest.raises(SettingsError, match="RETENTION_DAILY_RUN_DAYS must be at least"):
        load_settings()
