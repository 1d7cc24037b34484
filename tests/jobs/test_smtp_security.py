"""STARTTLS, implicit TLS and login against a real aiosmtpd server with a certificate made by the test.

The client trusts the test's certificate through ``SSL_CERT_FILE`` (read by the standard library's
default context), so certificate and host-name verification stay switched on, as in production.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from datetime import date

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from dealer_xl.jobs.config import load_config
from dealer_xl.jobs.runner import run_job

from .conftest import _Recorder, free_port
from .test_delivery import BRANCH_JOB


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tls")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


def _server_context(certificate) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*map(str, certificate))
    return context


def _authenticator(logins):
    def check(server, session, envelope, mechanism, auth_data):
        logins.append((auth_data.login, auth_data.password) if isinstance(auth_data, LoginPassword) else None)
        return AuthResult(success=auth_data == LoginPassword(b"bot", b"s3cret"), handled=False)
    return check


def _config(write_config, port, security, monkeypatch, certificate):
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    path = write_config(BRANCH_JOB, port=port)
    path.write_text(path.read_text(encoding="utf-8").replace('security = "none"', f'security = "{security}"'),
                    encoding="utf-8")
    return load_config(path, env={"DEALER_XL_SMTP_USER": "bot", "DEALER_XL_SMTP_PASSWORD": "s3cret"})


def test_starttls_and_login_with_the_password_from_the_environment(write_config, producers, monkeypatch,
                                                                  certificate):
    recorder, logins = _Recorder(), []
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port(), require_starttls=True,
                            tls_context=_server_context(certificate), authenticator=_authenticator(logins))
    controller.start()
    try:
        config = _config(write_config, controller.port, "starttls", monkeypatch, certificate)
        run = run_job(config, config.jobs[0], date(2026, 10, 31), producers=producers)
    finally:
        controller.stop()
    assert [d.status for d in run.deliveries] == ["sent", "sent"]
    assert logins[0] == (b"bot", b"s3cret") and len(recorder.messages) == 2


def test_implicit_tls(write_config, producers, monkeypatch, certificate):
    recorder, logins = _Recorder(), []
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port(),
                            ssl_context=_server_context(certificate), authenticator=_authenticator(logins),
                            auth_require_tls=False)
    controller.start()
    try:
        config = _config(write_config, controller.port, "ssl", monkeypatch, certificate)
        run = run_job(config, config.jobs[0], date(2026, 10, 31), producers=producers)
    finally:
        controller.stop()
    assert [d.status for d in run.deliveries] == ["sent", "sent"] and len(recorder.messages) == 2


def test_a_wrong_password_is_not_retried_and_the_mail_goes_to_the_outbox(write_config, producers, monkeypatch,
                                                                        certificate):
    recorder, logins = _Recorder(), []
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port(), require_starttls=True,
                            tls_context=_server_context(certificate), authenticator=_authenticator(logins))
    controller.start()
    try:
        config = _config(write_config, controller.port, "starttls", monkeypatch, certificate)
        config = type(config)(**{**config.__dict__, "smtp": type(config.smtp)(
            **{**config.smtp.__dict__, "password": "wrong"})})
        run = run_job(config, config.jobs[0], date(2026, 10, 31), producers=producers)
    finally:
        controller.stop()
    assert [(d.status, d.attempts) for d in run.deliveries] == [("outbox", 1), ("outbox", 1)]
    assert "SMTPAuthenticationError" in run.deliveries[0].detail and recorder.messages == []


def test_a_server_without_starttls_is_not_retried_and_the_reason_is_given(write_config, producers, monkeypatch,
                                                                          certificate):
    recorder = _Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())  # no TLS offered at all
    controller.start()
    try:
        config = _config(write_config, controller.port, "starttls", monkeypatch, certificate)
        run = run_job(config, config.jobs[0], date(2026, 10, 31), producers=producers, sleep=lambda _: None)
    finally:
        controller.stop()
    assert [(d.status, d.attempts) for d in run.deliveries] == [("outbox", 1), ("outbox", 1)]
    assert "不再重试：服务器不支持 STARTTLS" in run.deliveries[0].detail
    assert all(d.path.is_file() for d in run.deliveries) and recorder.messages == []
