"""Run a Python function as a Sluice task, warm (one long-lived worker) or exec (one process per job).

    import sluice

    @sluice.task
    def compare(reference, sample, threshold=0.8, out=None):
        sluice.progress(40, "computing histograms")
        ...  # write the result files into `out`

    if __name__ == "__main__":
        sluice.run()

Inputs arrive as keyword arguments named after the task's inputs; the function also gets `out` (the folder
for its results) and `job_dir` (the job's folder) when it names them. Returning means success; raising
means failure, and "ExceptionType: message" is what the user sees.

Under Sluice's warm mode (SLUICE_WARM_PROTOCOL=1) run() loads once and serves job after job over the
JSON-lines protocol on stdin/stdout; print() then goes to stderr, the job's log. Otherwise it runs the task
once, which is both exec mode and testing by hand:

    python3 compare.py reference=a.png sample=b.png threshold=0.9 --out results/

Values given that way are strings (numbers are the task's to convert). Without --out, SLUICE_OUT is used.
Standard library only, Python 3.8+; copy this file next to your script (`sluice init-python` does).
"""

import inspect
import json
import os
import sys
import threading
import traceback

__version__ = "1"
__all__ = ["task", "progress", "run", "__version__"]

_LONGEST_ERROR = 2000

_tasks = []
# why: user code may report progress from its own threads while the main thread sends "done"
_lock = threading.Lock()
_report = None  # while a job runs: a function (percent, message) that delivers progress for that job
_warned_outside_job = False


def task(fn):
    """Marks fn as the task that run() serves when it is given no function."""
    _tasks.append(fn)
    return fn


def progress(percent, message=""):
    """Reports how far the current job has got (0-100) and its stage, for the person waiting on it."""
    global _warned_outside_job
    value = _clamped(percent)
    text = " ".join(str(message).split())
    with _lock:
        if _report is not None:
            _report(value, text)
            return
        if not _warned_outside_job:
            # why: once is enough; calling a task directly (a unit test, a notebook) reports in a loop
            _warned_outside_job = True
            print("sluice: progress(%d, %r) outside a job is ignored" % (value, text), file=sys.stderr, flush=True)


def run(fn=None):
    """Serves fn (or the one @sluice.task) over the warm protocol, or runs it once from the command line."""
    fn = fn or _the_only_task()
    if os.environ.get("SLUICE_WARM_PROTOCOL") == "1":
        _serve(fn)
    else:
        _run_once(fn, sys.argv[1:])


def _the_only_task():
    if len(_tasks) != 1:
        raise RuntimeError("sluice.run() needs one task: decorate exactly one function with @sluice.task, "
                           "or call sluice.run(fn); %d are decorated" % len(_tasks))
    return _tasks[0]


def _clamped(percent):
    value = float(percent)
    if value != value:  # NaN
        return 0
    # why: Sluice reads whole percents and rounds down, so send what it will show
    return int(max(0.0, min(100.0, value)))


def _accepted(fn, arguments):
    """The arguments that fn can take by name: all of them when it has **kwargs."""
    params = inspect.signature(fn).parameters.values()
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params):
        return dict(arguments)
    named = {p.name for p in params if p.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)}
    return {name: value for name, value in arguments.items() if name in named}


def _describe(error):
    text = str(error)
    described = "%s: %s" % (type(error).__name__, text) if text else type(error).__name__
    return described[:_LONGEST_ERROR]


class _Protocol:
    """The worker's end of the warm protocol, on private copies of the original stdin and stdout."""

    def __init__(self):
        # why: os.dup gives non-inheritable copies, so the job's own subprocesses never hold the channel
        self._out = os.fdopen(os.dup(1), "wb")
        self._in = os.fdopen(os.dup(0), "rb")
        # why: print() and C libraries writing to fd 1 would corrupt the protocol; stderr is the job's log
        os.dup2(2, 1)
        sys.stdout.flush()  # output buffered during imports now lands on stderr, not in the protocol
        sys.stdout = sys.stderr
        # why: a library or subprocess that reads stdin (ffmpeg does) would swallow the next job message
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)

    def send(self, message):
        self._out.write(json.dumps(message, separators=(",", ":")).encode("utf-8") + b"\n")
        self._out.flush()

    def messages(self):
        for line in self._in:
            if not line.strip():
                continue
            try:
                message = json.loads(line.decode("utf-8"))
            except ValueError:
                message = None
            if isinstance(message, dict):
                yield message
            else:
                _warn("ignoring a line that is not a JSON object: %r" % line[:200])


def _serve(fn):
    global _report
    channel = _Protocol()
    channel.send({"type": "ready"})
    for message in channel.messages():
        if message.get("type") != "job":
            _warn("ignoring a message of type %r" % message.get("type"))
            continue
        job_id = message.get("id")
        with _lock:
            _report = _progress_sender(channel, job_id)
        done = {"type": "done", "id": job_id, "ok": True}
        try:
            inputs = message.get("inputs") or {}
            if not isinstance(inputs, dict):
                raise TypeError("the job's inputs are not a JSON object")
            arguments = _accepted(fn, dict(inputs, out=message.get("out"), job_dir=message.get("dir")))
            # why: Sluice makes the folders only for tasks that declare outputs; a function that names them gets them
            if arguments.get("out"):
                os.makedirs(arguments["out"], exist_ok=True)
            elif arguments.get("job_dir"):
                os.makedirs(arguments["job_dir"], exist_ok=True)
            fn(**arguments)
        except Exception as error:
            traceback.print_exc()
            done = {"type": "done", "id": job_id, "ok": False, "error": _describe(error)}
        # why: the job's last log lines should leave before its "done", which ends that job's log
        sys.stderr.flush()
        with _lock:
            _report = None  # a thread the job left behind cannot report on the next job
            channel.send(done)
    sys.exit(0)


def _progress_sender(channel, job_id):
    def send(percent, text):
        channel.send({"type": "progress", "id": job_id, "percent": percent, "message": text})
    return send


def _run_once(fn, argv):
    global _report
    inputs, out = _parse_arguments(fn, argv)
    if out is not None:
        os.makedirs(out, exist_ok=True)

    def report(percent, text):
        stream = sys.__stdout__ or sys.stdout
        stream.write(("::progress %d %s" % (percent, text)).rstrip() + "\n")
        stream.flush()

    arguments = _accepted(fn, dict(inputs, out=out, job_dir=os.environ.get("SLUICE_JOB_DIR") or os.getcwd()))
    ignored = sorted(set(inputs) - set(arguments))
    if ignored:
        # why: under Sluice every input is passed and unused ones are fine; by hand an unused one is likely a typo
        _warn("%s() does not take %s; ignored" % (fn.__name__, ", ".join(ignored)))
    with _lock:
        _report = report
    try:
        return fn(**arguments)
    finally:
        with _lock:
            _report = None


def _parse_arguments(fn, argv):
    usage = "usage: %s name=value ... [--out DIR]   (inputs of %s%s)" % (
        os.path.basename(sys.argv[0] or "task.py"), fn.__name__, inspect.signature(fn))
    inputs, out = {}, os.environ.get("SLUICE_OUT")
    args = iter(argv)
    for arg in args:
        if arg in ("-h", "--help"):
            print(usage)
            sys.exit(0)
        elif arg == "--out":
            out = next(args, None)
            if out is None:
                _usage_error(usage, "--out needs a folder")
        elif arg.startswith("--out="):
            out = arg[len("--out="):]
        elif "=" in arg and not arg.startswith("-"):
            name, value = arg.split("=", 1)
            inputs[name] = value
        else:
            _usage_error(usage, "%r is not name=value or --out DIR" % arg)
    return inputs, out


def _usage_error(usage, problem):
    print("%s\nsluice: %s" % (usage, problem), file=sys.stderr)
    sys.exit(2)


def _warn(text):
    print("sluice: " + text, file=sys.stderr, flush=True)
