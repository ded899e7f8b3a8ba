"""The peer stack's Flask app: the same two routes as Sluice's job API, answered from Celery and Redis."""
import uuid

from flask import Flask, jsonify, request

import peerjobs

app = Flask(__name__)

# Celery's states as OGC API – Processes statuses; PENDING also means "unknown id" in Celery.
STATUS = {"PENDING": "accepted", "RECEIVED": "accepted", "STARTED": "running", "RETRY": "running",
          "SUCCESS": "successful", "FAILURE": "failed", "REVOKED": "dismissed"}


@app.post("/processes/<task>/execution")
def execute(task):
    if task not in peerjobs.TASKS:
        return jsonify(status=404, title="no such process"), 404
    request.get_json(force=True, silent=True)
    job_id = uuid.uuid4().hex
    peerjobs.TASKS[task].apply_async(task_id=job_id)
    body = jsonify(jobID=job_id, processID=task, status="accepted")
    return body, 201, {"Location": "/jobs/" + job_id}


@app.get("/jobs/<job_id>")
def job(job_id):
    state = peerjobs.app.AsyncResult(job_id).state
    return jsonify(jobID=job_id, status=STATUS.get(state, "accepted"))
