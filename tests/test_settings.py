import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

from stage1.database import database_from_url
from stage1.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent


# Environment helpers


def test_env_str_returns_the_default_only_when_the_variable_is_unset(monkeypatch):
    monkeypatch.delenv("STAGE1_TEST_VALUE", raising=False)
    assert env_str("STAGE1_TEST_VALUE", "fallback") == "fallback"

    monkeypatch.setenv("STAGE1_TEST_VALUE", "")
    assert env_str("STAGE1_TEST_VALUE", "fallback") == ""


@pytest.mark.parametrize("value", ["1", "true", "True", "yes", "on", " ON "])
def test_env_bool_reads_true_values(monkeypatch, value):
    monkeypatch.setenv("STAGE1_TEST_VALUE", value)
    assert env_bool("STAGE1_TEST_VALUE", False) is True


@pytest.mark.parametrize("value", ["0", "false", "no", "off", ""])
def test_env_bool_reads_false_values(monkeypatch, value):
    monkeypatch.setenv("STAGE1_TEST_VALUE", value)
    assert env_bool("STAGE1_TEST_VALUE", True) is False


def test_env_bool_falls_back_to_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("STAGE1_TEST_VALUE", raising=False)
    assert env_bool("STAGE1_TEST_VALUE", True) is True


@pytest.mark.parametrize("value", ["maybe", "2", "y e s"])
def test_env_bool_refuses_nonsense(monkeypatch, value):
    monkeypatch.setenv("STAGE1_TEST_VALUE", value)
    with pytest.raises(ImproperlyConfigured, match="STAGE1_TEST_VALUE must be a boolean"):
        env_bool("STAGE1_TEST_VALUE", False)


def test_env_int_reads_whole_numbers_and_defaults_when_unset_or_blank(monkeypatch):
    monkeypatch.setenv("STAGE1_TEST_VALUE", "42")
    assert env_int("STAGE1_TEST_VALUE", 7) == 42

    monkeypatch.setenv("STAGE1_TEST_VALUE", " ")
    assert env_int("STAGE1_TEST_VALUE", 7) == 7

    monkeypatch.delenv("STAGE1_TEST_VALUE")
    assert env_int("STAGE1_TEST_VALUE", 7) == 7


@pytest.mark.parametrize("value", ["forty", "4.5", "1e3"])
def test_env_int_refuses_nonsense(monkeypatch, value):
    monkeypatch.setenv("STAGE1_TEST_VALUE", value)
    with pytest.raises(ImproperlyConfigured, match="STAGE1_TEST_VALUE must be a whole number"):
        env_int("STAGE1_TEST_VALUE", 7)


def test_env_int_refuses_a_number_below_the_minimum(monkeypatch):
    monkeypatch.setenv("STAGE1_TEST_VALUE", "-1")
    with pytest.raises(ImproperlyConfigured, match="at least 0"):
        env_int("STAGE1_TEST_VALUE", 7, minimum=0)


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("STAGE1_TEST_VALUE", " a.example , b.example,,")
    assert env_list("STAGE1_TEST_VALUE") == ["a.example", "b.example"]


def test_env_list_returns_a_copy_of_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("STAGE1_TEST_VALUE", raising=False)
    default = ["localhost"]

    value = env_list("STAGE1_TEST_VALUE", default)

    assert value == ["localhost"]
    assert value is not default


# DATABASE_URL


def test_a_relative_sqlite_url_is_relative_to_the_project(tmp_path):
    config = database_from_url("sqlite:///db.sqlite3", base_dir=tmp_path, pool_max_size=4)

    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "db.sqlite3")


def test_sqlite_lets_the_web_server_and_the_worker_write_to_one_file(tmp_path):
    options = database_from_url("sqlite:///db.sqlite3", base_dir=tmp_path, pool_max_size=4)["OPTIONS"]

    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert options["timeout"] >= 5


def test_an_absolute_sqlite_url_is_used_as_is(tmp_path):
    config = database_from_url("sqlite:////var/lib/stage1/db.sqlite3", base_dir=tmp_path, pool_max_size=4)

    assert config["NAME"] == "/var/lib/stage1/db.sqlite3"


def test_a_sqlite_url_without_a_file_name_is_refused(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="needs a file name"):
        database_from_url("sqlite://", base_dir=tmp_path, pool_max_size=4)


def test_a_postgres_url_gives_user_password_host_port_and_name(tmp_path):
    config = database_from_url("postgres://stage1:s%40cret@db.internal:6543/stage1", base_dir=tmp_path, pool_max_size=4)

    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["PASSWORD"], config["HOST"], config["PORT"]) == (
        "stage1",
        "stage1",
        "s@cret",
        "db.internal",
        "6543",
    )


def test_a_postgres_url_can_name_a_unix_socket_directory(tmp_path):
    config = database_from_url("postgres://postgres@/stage1?host=/tmp/stage1-pg.abc", base_dir=tmp_path, pool_max_size=4)

    assert config["HOST"] == "/tmp/stage1-pg.abc"
    assert config["USER"] == "postgres"
    assert config["NAME"] == "stage1"
    assert config["PORT"] == ""


def test_postgres_uses_the_connection_pool_with_conn_max_age_zero(tmp_path):
    config = database_from_url("postgresql://u@h/stage1", base_dir=tmp_path, pool_max_size=6)

    assert config["OPTIONS"]["pool"]["max_size"] == 6
    assert config["CONN_MAX_AGE"] == 0
    assert config["CONN_HEALTH_CHECKS"] is True


def test_the_pool_waits_its_timeout_once_and_gives_up_reconnecting_as_soon(tmp_path):
    config = database_from_url("postgresql://u@h/stage1", base_dir=tmp_path, pool_max_size=4, pool_timeout=3)

    assert config["OPTIONS"]["pool"]["timeout"] == 3
    assert config["OPTIONS"]["pool"]["reconnect_timeout"] == 3


def test_a_pool_size_of_zero_turns_the_pool_off(tmp_path):
    config = database_from_url("postgres://u@h/stage1", base_dir=tmp_path, pool_max_size=0)

    assert "pool" not in config["OPTIONS"]


def test_the_sslmode_query_parameter_is_passed_to_postgres(tmp_path):
    config = database_from_url("postgres://u@h/stage1?sslmode=verify-full", base_dir=tmp_path, pool_max_size=4)

    assert config["OPTIONS"]["sslmode"] == "verify-full"


def test_a_postgres_url_without_a_database_name_is_refused(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="needs a database name"):
        database_from_url("postgres://u@h/", base_dir=tmp_path, pool_max_size=4)


@pytest.mark.parametrize("url", ["mysql://u@h/stage1", "db.sqlite3", ""])
def test_other_database_urls_are_refused(tmp_path, url):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL must start with"):
        database_from_url(url, base_dir=tmp_path, pool_max_size=4)


# Starting with production variables


def _manage(*args: str, **variables: str) -> subprocess.CompletedProcess:
    """Run manage.py in a fresh process with only the given Django variables set."""
    env = {name: value for name, value in os.environ.items() if not name.startswith(("DJANGO_", "DATABASE_", "STAGE1_"))}
    env.update(variables)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_deployment_checks_pass_with_production_variables():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=get_random_secret_key(),
        DJANGO_ALLOWED_HOSTS="stage1.example.gov",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deployment_checks_pass_behind_a_tls_proxy():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=get_random_secret_key(),
        DJANGO_ALLOWED_HOSTS="stage1.example.gov",
        DJANGO_SECURE_PROXY_SSL_HEADER="1",
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="stage1.example.gov")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off" in result.stderr


def test_a_nonsense_debug_value_stops_start_up():
    result = _manage("check", DJANGO_DEBUG="perhaps")

    assert result.returncode != 0
    assert "DJANGO_DEBUG must be a boolean" in result.stderr
