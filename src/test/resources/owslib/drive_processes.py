"""Drives a Sluice server through Debian's OWSLib, as a notebook user would: OWSLib's OGC API - Processes module
for the landing page, conformance, process list and description; OWSLib's own HTTP helpers, following the links the
server returns, for execution, status and results (OWSLib 0.27 has no execute call of its own).
Usage: drive_processes.py BASE_URL. Prints one line per step; exits non-zero on the first thing that is wrong."""
import sys
import time

from owslib.ogcapi.processes import Processes
from owslib.util import http_get, http_post

CONF = "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/"
RESULTS = "http://www.opengis.net/def/rel/ogc/1.0/results"


def link(doc, rel):
    for candidate in doc.get("links", []):
        if candidate.get("rel") == rel:
            return candidate["href"]
    raise AssertionError(f"no link {rel} in {doc}")


def check(condition, what):
    if not condition:
        raise AssertionError(what)
    print("ok", what, flush=True)


base = sys.argv[1]
api = Processes(base)
conformance = api.conformance()["conformsTo"]
check(CONF + "core" in conformance and CONF + "job-list" in conformance, "conformance lists core and job-list")
ids = [p["id"] for p in api.processes()["processes"]]
check("echo" in ids, "the process list holds echo")
echo = api.process("echo")
check("message" in echo["inputs"] and "sync-execute" in echo["jobControlOptions"], "echo's description")
execute = link(echo, "http://www.opengis.net/def/rel/ogc/1.0/execute")
check(execute.startswith("http"), "the execute link is absolute: " + execute)

submitted = http_post(execute, request={"inputs": {"message": "from owslib"}}, headers={"Prefer": "respond-async"})
check(submitted.status_code == 201, "asynchronous execution accepted")
status_url = submitted.headers["Location"]
deadline = time.monotonic() + 60
status = submitted.json()
while status["status"] in ("accepted", "running"):
    if time.monotonic() > deadline:
        raise AssertionError("the job did not end: " + str(status))
    time.sleep(0.2)
    status = http_get(status_url, headers={"Accept": "application/json"}).json()
check(status["status"] == "successful", "the job ended successful")
results = http_get(link(status, RESULTS), headers={"Accept": "application/json"}).json()
check(results["echo"] == "from owslib", "the results hold the echo")

sync = http_post(execute, request={"inputs": {"message": "at once"}})
# one output requested (echo has only one): the answer is its value itself (/req/core/process-execute-sync-one)
check(sync.status_code == 200 and sync.text == "at once" and sync.headers["Content-Type"].startswith("text/plain"),
      "synchronous execution answers the value")
