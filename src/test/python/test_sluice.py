"""Tests of sluice.py against real worker processes, spoken to over pipes as Sluice does."""

import contextlib
import io
import json
import os
import queue
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import unittest
from pathlib import Path

HELPER_DIR = Path(__file__).resolve().parents[2] / "main" / "resources" / "python"
TIMEOUT = 20.0  # only bounds a hang; passing tests take well under a second

TASK = textwrap.dedent('''
    import json, os, sys, sluice

    print("loading heavy libraries")  # before run(): must still stay off the protocol

    @sluice.task
    def work(text, count, ratio, flag, mode="ok", out=None):
        received = {"text": text, "count": count, "ratio": ratio, "flag": flag, "mode": mode}
        with open(os.path.join(out, "received.json"), "w") as f:
            json.dump({"args": received, "types": {k: type(v).__name__ for k, v in received.items()}}, f)
        with open(os.path.join(out, "pid"), "w") as f:
            f.write(str(os.getpid()))
        if mode == "progress":
            sluice.progress(40, "half way")
            sluice.progress(150, "past the end")
        elif mode == "print":
            print("hello from print")
            os.write(1, b"hello from fd 1\\n")
        elif mode == "stdin":
            with open(os.path.join(out, "stdin"), "w") as f:
                f.write(sys.stdin.read())
        elif mode == "fail":
            raise ValueError("bad threshold")
        elif mode == "long":
            raise ValueError("x" * 5000)

    if __name__ == "__main__":
        sluice.run()
''')

KWARGS_TASK = textwrap.dedent('''
    import json, os, sluice

    @sluice.task
    def everything(**kwargs):
        with open(os.path.join(kwargs["out"], "received.json"), "w") as f:
            json.dump(kwargs, f)

    if __name__ == "__main__":
        sluice.run()
''')

INPUTS = {"text": "héllo", "count": 3, "ratio": 0.5, "flag": True}


def environment(warm):
    env = {k: v for k, v in os.environ.items() if k not in ("SLUICE_WARM_PROTOCOL", "SLUICE_OUT", "PYTHONUNBUFFERED")}
    env["PYTHONPATH"] = str(HELPER_DIR)
    # why: a __pycache__ beside the resource would be packaged into the jar
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    if warm:
        env["SLUICE_WARM_PROTOCOL"] = "1"
    return env


class Worker:
    """A warm worker process with a reader thread per pipe, so every read can time out."""

    def __init__(self, script):
        self.process = subprocess.Popen([sys.executable, str(script)], env=environment(warm=True),
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.lines = queue.Queue()
        self._stderr = bytearray()
        self._stderr_lock = threading.Lock()
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read_stdout(self):
        for line in self.process.stdout:
            self.lines.put(line)

    def _read_stderr(self):
        for chunk in iter(lambda: self.process.stderr.read1(4096), b""):
            with self._stderr_lock:
                self._stderr += chunk

    def stderr(self):
        with self._stderr_lock:
            return self._stderr.decode("utf-8", "replace")

    def send(self, message):
        self.process.stdin.write(json.dumps(message).encode("utf-8") + b"\n")
        self.process.stdin.flush()

    def receive(self):
        line = self.lines.get(timeout=TIMEOUT)
        return json.loads(line.decode("utf-8"))

    def run_job(self, job_id, out, **inputs):
        self.send({"type": "job", "id": job_id, "inputs": inputs, "out": str(out), "dir": str(Path(out).parent)})
        messages = []
        while not messages or messages[-1]["type"] != "done":
            messages.append(self.receive())
        return messages

    def stop(self):
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            stream.close()


def eventually(check, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met within %.1f s" % timeout)
        time.sleep(0.01)


class WorkerTestCase(unittest.TestCase):

    script_text = TASK

    def setUp(self):
        holder = tempfile.TemporaryDirectory()
        self.addCleanup(holder.cleanup)
        self.dir = Path(holder.name)
        self.script = self.dir / "task.py"
        self.script.write_text(self.script_text)

    def start_worker(self):
        worker = Worker(self.script)
        self.addCleanup(worker.stop)
        self.assertEqual({"type": "ready"}, worker.receive())
        return worker

    def out_folder(self, name):
        out = self.dir / name / "out"
        out.mkdir(parents=True)
        return out


class WarmProtocolTest(WorkerTestCase):

    def test_ready_is_the_first_message_even_when_the_script_printed_while_loading(self):
        worker = Worker(self.script)
        self.addCleanup(worker.stop)
        self.assertEqual({"type": "ready"}, worker.receive())
        eventually(lambda: "loading heavy libraries" in worker.stderr())

    def test_a_job_calls_the_task_with_its_typed_inputs_it_accepts_plus_out(self):
        worker = self.start_worker()
        out = self.out_folder("j1")
        messages = worker.run_job("j1", out, unused="not a parameter", **INPUTS)
        self.assertEqual([{"type": "done", "id": "j1", "ok": True}], messages)
        received = json.loads((out / "received.json").read_text())
        self.assertEqual(dict(INPUTS, mode="ok"), received["args"])
        self.assertEqual({"text": "str", "count": "int", "ratio": "float", "flag": "bool", "mode": "str"}, received["types"])

    def test_progress_arrives_with_the_job_id_and_is_clamped_to_100(self):
        worker = self.start_worker()
        messages = worker.run_job(7, self.out_folder("j7"), mode="progress", **INPUTS)
        self.assertEqual([
            {"type": "progress", "id": 7, "percent": 40, "message": "half way"},
            {"type": "progress", "id": 7, "percent": 100, "message": "past the end"},
            {"type": "done", "id": 7, "ok": True},
        ], messages)

    def test_print_in_a_job_goes_to_stderr_and_never_to_the_protocol(self):
        worker = self.start_worker()
        messages = worker.run_job("p", self.out_folder("p"), mode="print", **INPUTS)
        self.assertEqual([{"type": "done", "id": "p", "ok": True}], messages)
        eventually(lambda: "hello from print" in worker.stderr() and "hello from fd 1" in worker.stderr())

    def test_a_job_reading_stdin_gets_nothing_and_cannot_swallow_the_next_message(self):
        worker = self.start_worker()
        out = self.out_folder("s")
        self.assertEqual([{"type": "done", "id": "s", "ok": True}], worker.run_job("s", out, mode="stdin", **INPUTS))
        self.assertEqual("", (out / "stdin").read_text())

    def test_an_exception_fails_the_job_and_the_worker_serves_the_next_one(self):
        worker = self.start_worker()
        failed = worker.run_job("bad", self.out_folder("bad"), mode="fail", **INPUTS)
        self.assertEqual([{"type": "done", "id": "bad", "ok": False, "error": "ValueError: bad threshold"}], failed)
        eventually(lambda: "Traceback" in worker.stderr())
        self.assertEqual([{"type": "done", "id": "good", "ok": True}], worker.run_job("good", self.out_folder("good"), **INPUTS))

    def test_a_missing_input_fails_the_job_with_a_type_error(self):
        worker = self.start_worker()
        [done] = worker.run_job("m", self.out_folder("m"), text="only this")
        self.assertFalse(done["ok"])
        self.assertTrue(done["error"].startswith("TypeError: "), done["error"])

    def test_the_error_text_is_cut_at_2000_characters(self):
        worker = self.start_worker()
        [done] = worker.run_job("long", self.out_folder("long"), mode="long", **INPUTS)
        self.assertEqual(2000, len(done["error"]))
        self.assertTrue(done["error"].startswith("ValueError: xxx"))

    def test_one_process_serves_several_jobs(self):
        worker = self.start_worker()
        pids = set()
        for n in range(3):
            out = self.out_folder("job%d" % n)
            self.assertTrue(worker.run_job(n, out, **INPUTS)[-1]["ok"])
            pids.add(int((out / "pid").read_text()))
        self.assertEqual({worker.process.pid}, pids)

    def test_lines_that_are_not_jobs_are_ignored_and_the_worker_keeps_serving(self):
        worker = self.start_worker()
        worker.process.stdin.write(b"not json\n\n[1, 2]\n")
        worker.send({"type": "ping"})
        self.assertEqual([{"type": "done", "id": "after", "ok": True}], worker.run_job("after", self.out_folder("after"), **INPUTS))

    def test_the_worker_exits_0_when_its_stdin_closes(self):
        worker = self.start_worker()
        worker.run_job("one", self.out_folder("one"), **INPUTS)
        worker.process.stdin.close()
        self.assertEqual(0, worker.process.wait(timeout=TIMEOUT))


class KwargsTaskTest(WorkerTestCase):

    script_text = KWARGS_TASK

    def test_a_task_with_kwargs_gets_every_input_and_out_and_job_dir(self):
        worker = self.start_worker()
        out = self.out_folder("k")
        worker.run_job("k", out, **INPUTS)
        expected = dict(INPUTS, out=str(out), job_dir=str(out.parent))
        self.assertEqual(expected, json.loads((out / "received.json").read_text()))


class ExecStyleTest(WorkerTestCase):

    def run_once(self, *args):
        return subprocess.run([sys.executable, str(self.script), *args], env=environment(warm=False),
                              capture_output=True, text=True, timeout=TIMEOUT * 2)

    def test_runs_once_with_name_value_arguments_as_strings(self):
        out = self.dir / "exec-out"
        done = self.run_once("text=hi", "count=3", "ratio=0.5", "flag=yes", "--out", str(out))
        self.assertEqual(0, done.returncode, done.stderr)
        received = json.loads((out / "received.json").read_text())
        self.assertEqual({"text": "hi", "count": "3", "ratio": "0.5", "flag": "yes", "mode": "ok"}, received["args"])

    def test_prints_progress_as_exec_mode_progress_lines(self):
        done = self.run_once("text=hi", "count=3", "ratio=0.5", "flag=yes", "mode=progress", "--out", str(self.dir / "o"))
        self.assertEqual(0, done.returncode, done.stderr)
        self.assertIn("::progress 40 half way\n::progress 100 past the end\n", done.stdout)

    def test_a_failure_exits_non_zero_with_the_traceback_on_stderr(self):
        done = self.run_once("text=hi", "count=3", "ratio=0.5", "flag=yes", "mode=fail", "--out=" + str(self.dir / "o"))
        self.assertNotEqual(0, done.returncode)
        self.assertIn("ValueError: bad threshold", done.stderr)

    def test_an_argument_that_is_not_name_value_is_a_usage_error(self):
        done = self.run_once("loose")
        self.assertEqual(2, done.returncode)
        self.assertIn("'loose' is not name=value", done.stderr)


class OutsideAJobTest(unittest.TestCase):

    def test_progress_outside_a_job_only_warns(self):
        sys.path.insert(0, str(HELPER_DIR))
        self.addCleanup(sys.path.remove, str(HELPER_DIR))
        writes_bytecode, sys.dont_write_bytecode = sys.dont_write_bytecode, True
        try:
            import sluice
        finally:
            sys.dont_write_bytecode = writes_bytecode
        warnings, printed = io.StringIO(), io.StringIO()
        with contextlib.redirect_stderr(warnings), contextlib.redirect_stdout(printed):
            sluice.progress(10, "alone")
        self.assertEqual("", printed.getvalue())
        self.assertIn("outside a job", warnings.getvalue())


if __name__ == "__main__":
    unittest.main()
