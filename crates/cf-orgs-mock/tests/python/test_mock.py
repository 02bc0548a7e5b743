"""cf-orgs-mock from outside Rust: Python's standard library alone (unittest, urllib, subprocess).

Starts the binary on port 0 through --ready-file and drives it as any language's test suite would:
fixtures, a lifecycle, the request journal, faults, reset, namespaces, and a state file across a
restart. Each test works in a namespace of its own, so they share one server.

    CF_ORGS_MOCK=target/debug/cf-orgs-mock python3 crates/cf-orgs-mock/tests/python/test_mock.py -v
"""

import json
import os
import signal
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.request
from pathlib import Path

BINARY = os.environ.get("CF_ORGS_MOCK", str(Path(__file__).resolve().parents[4] / "target/debug/cf-orgs-mock"))


class Mock:
    """The binary, started on port 0; its ready file says where it listens."""

    def __init__(self, *args):
        self.dir = tempfile.mkdtemp(prefix="cf-orgs-mock-")
        ready_file = Path(self.dir) / "ready.json"
        self.process = subprocess.Popen(
            # Strict: every answer is checked against the spec; one outside it would be a 500.
            [BINARY, "--listen", "127.0.0.1:0", "--ready-file", str(ready_file), "--strict", *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 30
        while not ready_file.exists():
            if self.process.poll() is not None:
                raise RuntimeError("cf-orgs-mock exited: " + self.process.stderr.read().decode())
            if time.monotonic() > deadline:
                raise RuntimeError("cf-orgs-mock did not get ready")
            time.sleep(0.02)
        self.ready = json.loads(ready_file.read_text())
        self.base_url = self.ready["base_url"]
        self.admin_url = self.ready["admin_url"]
        creds = self.ready["credentials"]
        self.auth = {"X-Auth-Email": creds["email"], "X-Auth-Key": creds["api_key"]}

    def stop(self):
        """SIGTERM, as a harness stops it: the exit code."""
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=30)
        self.process.stderr.close()
        return code


def call(method, url, body=None, headers=None):
    """One HTTP exchange: the status and the JSON answer (None when there is no body)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, text = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read()
    return status, (json.loads(text) if text else None)


class Namespace:
    """The API and the admin API, both in one namespace."""

    def __init__(self, mock, name):
        self.mock, self.headers = mock, {"X-Mock-Namespace": name}

    def api(self, method, path, body=None):
        return call(method, self.mock.base_url + path, body, {**self.mock.auth, **self.headers})

    def admin(self, method, path, body=None):
        return call(method, self.mock.admin_url + path, body, self.headers)

    def result(self, status_and_answer, want=200):
        status, answer = status_and_answer
        assert status == want, f"{status} {answer}"
        return answer["result"]


FIXTURES = {
    "organizations": [
        {"id": "acme", "name": "Acme", "profile": {
            "business_name": "Acme", "business_email": "ops@acme.example", "business_phone": "+1 555 0100",
            "business_address": "1 Main St", "external_metadata": "{}"},
         "accounts": [{"name": "Prod", "type": "enterprise"}],
         "members": [{"email": "alice@acme.example"}, {"email": "bob@acme.example", "status": "pending"}]},
        {"id": "acme-eu", "name": "Acme EU", "parent": "acme"},
    ],
}


class MockFromPython(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.mock = Mock("--rate-limit", "off")

    @classmethod
    def tearDownClass(cls):
        cls.mock.stop()

    def ns(self, name):
        return Namespace(self.mock, name)

    def test_health_and_the_admin_document(self):
        health = self.ns("health").result(self.ns("health").admin("GET", "/health"))
        self.assertEqual(health["status"], "ok")
        self.assertEqual(self.mock.ready["strict"], "fail")
        status, doc = call("GET", self.mock.admin_url + "/openapi.json")
        self.assertEqual((status, doc["openapi"][:4]), (200, "3.0."))
        self.assertIn("/requests", doc["paths"])

    def test_fixtures_load_and_a_bad_one_names_its_pointer(self):
        ns = self.ns("fixtures")
        loaded = ns.result(ns.admin("POST", "/fixtures", FIXTURES))["loaded"]
        self.assertEqual((loaded["organizations"], loaded["members"], loaded["accounts"]), (2, 2, 1))
        eu = ns.result(ns.api("GET", "/organizations/acme-eu"))
        self.assertEqual(eu["parent"]["id"], "acme")
        members = ns.result(ns.api("GET", "/organizations/acme/members"))
        self.assertEqual(sorted(m["user"]["email"] for m in members), ["alice@acme.example", "bob@acme.example"])
        status, answer = ns.admin("POST", "/fixtures", {"organizations": [{"name": "X", "accounts": [{"name": "A", "type": "huge"}]}]})
        self.assertEqual(status, 400)
        self.assertIn("/organizations/0/accounts/0/type", answer["errors"][0]["message"])
        self.assertEqual(len(ns.result(ns.api("GET", "/organizations"))), 2, "nothing of a bad document is loaded")

    def test_a_lifecycle(self):
        ns = self.ns("lifecycle")
        org = ns.result(ns.api("POST", "/organizations", {"name": "Lifecycle"}))
        path = "/organizations/" + org["id"]
        self.assertEqual(ns.result(ns.api("PUT", path, {"name": "Renamed"}))["name"], "Renamed")
        member = ns.result(ns.api("POST", path + "/members", {"member": {"user": {"email": "carol@x.example"}}}))
        self.assertEqual(member["status"], "pending")
        status, _ = ns.api("DELETE", path)
        self.assertEqual(status, 409, "not empty")
        status, _ = ns.api("DELETE", path + "/members/" + member["id"])
        self.assertIn(status, (200, 204))
        self.assertEqual(ns.result(ns.api("DELETE", path))["id"], org["id"])
        status, answer = ns.api("GET", path)
        self.assertEqual((status, answer["success"]), (404, False))
        logs = ns.result(ns.api("GET", path + "/logs/audit?since=2000-01-01&before=2100-01-01"))
        self.assertEqual([e["action"]["type"] for e in logs], ["delete", "delete", "create", "update", "create"])

    def test_accounts_move_and_tenants_answer_from_fixtures(self):
        ns = self.ns("accounts")
        tenant = {"tenant_tag": "t1", "tenant_name": "Globex", "tenant_labels": [], "tenant_type": "mssp",
                  "tenant_status": "active", "tenant_metadata": {}, "tenant_contacts": {},
                  "cdate": "2026-01-01T00:00:00Z", "edate": "2026-01-01T00:00:00Z", "tenant_network": {}, "tenant_units": []}
        fixtures = {"organizations": [{"id": "from", "name": "From", "accounts": [{"id": "acc1", "name": "Prod"}]},
                                      {"id": "to", "name": "To"}],
                    "tenants": [{"tenant": tenant, "accounts": ["acc1"]}]}
        loaded = ns.result(ns.admin("POST", "/fixtures", fixtures))["loaded"]
        self.assertEqual((loaded["accounts"], loaded["tenants"]), (1, 1))
        moved = ns.result(ns.api("POST", "/accounts/acc1/move", {"destination_organization_id": "to"}))
        self.assertEqual((moved["source_organization_id"], moved["destination_organization_id"]), ("from", "to"))
        chain = ns.result(ns.api("GET", "/accounts/acc1/organizations"))
        self.assertEqual([o["id"] for o in chain], ["to"])
        status, answer = ns.api("POST", "/accounts/acc1/move", {"destination_organization_id": "nowhere"})
        self.assertEqual((status, answer["success"]), (404, False))
        status, answer = ns.api("POST", "/accounts/acc1/move", {"destination": "to"})
        self.assertEqual(status, 400, "the body the spec describes, or a 400 naming what is wrong")
        self.assertEqual(ns.result(ns.api("DELETE", "/organizations/from"))["id"], "from", "emptied by the move")
        self.assertEqual(ns.result(ns.api("GET", "/tenants/t1"))["tenant_name"], "Globex")
        self.assertEqual([a["id"] for a in ns.result(ns.api("GET", "/tenants/t1/accounts"))], ["acc1"])
        self.assertEqual([t["id"] for t in ns.result(ns.api("GET", "/user/tenants"))], ["t1"])
        state = ns.result(ns.admin("GET", "/state"))
        self.assertEqual(state["tenants"][0]["accounts"], ["acc1"])

    def test_the_journal_records_what_was_asked(self):
        ns = self.ns("journal")
        ns.api("POST", "/organizations", {"name": "Journaled"})
        ns.api("GET", "/organizations?page_size=5")
        ns.api("GET", "/organizations/nope")
        journal = ns.result(ns.admin("GET", "/requests"))
        self.assertEqual([(e["method"], e["route"], e["status"]) for e in journal["entries"]], [
            ("POST", "/organizations", 200), ("GET", "/organizations", 200),
            ("GET", "/organizations/{organization_id}", 404)])
        self.assertEqual(journal["entries"][0]["request_body"], {"name": "Journaled"})
        self.assertEqual(journal["entries"][1]["query"], "page_size=5")
        self.assertEqual(journal["entries"][0]["credentials"], "api_email+api_key")
        self.assertNotIn(self.mock.ready["credentials"]["api_key"], json.dumps(journal), "no secret in the journal")
        count = ns.result(ns.admin("GET", "/requests/count?method=GET&status=404"))
        self.assertEqual(count["count"], 1)
        ns.result(ns.admin("DELETE", "/requests"))
        self.assertEqual(ns.result(ns.admin("GET", "/requests/count"))["count"], 0)

    def test_faults_turn_on_and_off(self):
        ns = self.ns("faults")
        ns.result(ns.admin("PUT", "/faults", {"spec": "route=POST /organizations:503=1"}))
        status, answer = ns.api("POST", "/organizations", {"name": "Refused"})
        self.assertEqual((status, answer["errors"][0]["code"]), (503, 10503))
        self.assertEqual(ns.api("GET", "/organizations")[0], 200, "other routes answer")
        status, answer = ns.admin("PUT", "/faults", {"spec": "teapot=1"})
        self.assertEqual(status, 400)
        self.assertIn("teapot", answer["errors"][0]["message"])
        self.assertEqual(ns.result(ns.admin("DELETE", "/faults"))["spec"], "off")
        self.assertEqual(ns.api("POST", "/organizations", {"name": "Accepted"})[0], 200)

    def test_reset_empties_a_namespace(self):
        ns = self.ns("reset")
        ns.result(ns.admin("POST", "/fixtures", FIXTURES))
        ns.result(ns.admin("POST", "/reset"))
        self.assertEqual(ns.result(ns.api("GET", "/organizations")), [])
        self.assertEqual(ns.result(ns.admin("GET", "/requests/count"))["count"], 1, "the journal starts afresh too")

    def test_two_namespaces_are_isolated(self):
        a, b = self.ns("suite-a"), self.ns("suite-b")
        org = a.result(a.api("POST", "/organizations", {"name": "Only in A"}))
        self.assertEqual(b.api("GET", "/organizations/" + org["id"])[0], 404)
        self.assertEqual(b.result(b.api("GET", "/organizations")), [])
        b.result(b.admin("PUT", "/faults", {"spec": "503=1"}))
        self.assertEqual(a.api("GET", "/organizations/" + org["id"])[0], 200, "b's faults stay in b")
        b.result(b.admin("DELETE", "/faults"))

    def test_the_clock_can_be_set(self):
        ns = self.ns("clock")
        ns.result(ns.admin("PUT", "/clock", {"now": "2030-06-01T12:00:00Z"}))
        org = ns.result(ns.api("POST", "/organizations", {"name": "From the future"}))
        self.assertTrue(org["create_time"].startswith("2030-06-01T12:00:00"), org["create_time"])
        ns.result(ns.admin("POST", "/clock/advance", {"seconds": 86400}))
        self.assertTrue(ns.result(ns.admin("GET", "/clock"))["now"].startswith("2030-06-02"))

    def test_an_unknown_admin_route_is_a_404_envelope(self):
        status, answer = call("GET", self.mock.admin_url + "/nowhere")
        self.assertEqual((status, answer["success"]), (404, False))


class StateAcrossARestart(unittest.TestCase):
    def test_exported_state_is_found_again_after_a_restart(self):
        state = Path(tempfile.mkdtemp(prefix="cf-orgs-mock-state-")) / "state.json"
        first = Mock("--state", str(state))
        ns = Namespace(first, "kept")
        org = ns.result(ns.api("POST", "/organizations", {"name": "Kept"}))
        exported = ns.result(ns.admin("GET", "/state"))
        self.assertEqual(first.stop(), 0)
        self.assertTrue(state.exists())

        second = Mock("--state", str(state))
        try:
            ns = Namespace(second, "kept")
            self.assertEqual(ns.result(ns.api("GET", "/organizations/" + org["id"]))["name"], "Kept")
            self.assertEqual(ns.result(ns.admin("GET", "/state")), exported, "the same state, exactly")
            # Imported into another namespace through the admin API, it is the same there too.
            other = Namespace(second, "copy")
            other.result(other.admin("PUT", "/state", exported))
            self.assertEqual(other.result(other.admin("GET", "/state")), exported)
        finally:
            second.stop()


if __name__ == "__main__":
    unittest.main()
