"""The peer stack's Celery app: the benchmark's three tasks, with Redis as broker and result backend.

PEER_CELERY_PROFILE picks the acknowledgement settings:
- long-jobs (default): acks_late and a prefetch multiplier of 1, as Celery's docs advise for long jobs, so that a
  job whose worker dies is delivered again (as Sluice re-runs it) and a worker reserves no job it cannot start;
- defaults: Celery's own defaults (acknowledged on receipt, prefetch multiplier 4), its best case for short jobs.
"""
import os
import subprocess

from celery import Celery

REDIS = os.environ["PEER_REDIS_URL"]
PYTHON = os.environ.get("PEER_PYTHON", "python3")
LONG_JOBS = os.environ.get("PEER_CELERY_PROFILE", "long-jobs") == "long-jobs"

app = Celery("peerjobs", broker=REDIS, backend=REDIS)
app.conf.update(
    task_acks_late=LONG_JOBS,
    worker_prefetch_multiplier=1 if LONG_JOBS else 4,
    task_track_started=True,  # so that GET /jobs/<id> can say "running", as Sluice's status does
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    broker_connection_retry_on_startup=True,
)


@app.task(name="noop")
def noop():
    pass


@app.task(name="true")
def true():
    subprocess.run(["true"], check=True)


@app.task(name="python")
def python():
    subprocess.run([PYTHON, "-c", "pass"], check=True)


TASKS = {"noop": noop, "true": true, "python": python}
