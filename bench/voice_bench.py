"""Kiosk submission benchmarks (issue 5, "Performance"):

(a) Sustained throughput of kiosk submissions, against the framework's bare "return 200" view
    served the same way, measured in one run: target at least half the bare view's requests per
    second. Reported, like every other timing here, as time per request against the baseline's
    (ratio <= 2.0 is the same target), with both throughputs in the note.
(b) 10,000 retried submissions (each sent 2 or 3 times, copies often at the same moment on
    different connections) arrive as exactly 10,000 stored responses.

How it is served, and why: a real gunicorn (the production server, README "In production serve with
gunicorn config.wsgi"), started as a subprocess with the same settings and database as this run,
serves both the kiosk endpoint and the bare view (`bench.bare_urls.wsgi_app()` adds the bare view to the service's
own URLs), through the same middleware stack, worker processes and HTTP parsing. Client threads
with keep-alive connections post the same JSON body to both. Going through django.test.Client
instead would leave out the server and the network, and would run every request in one thread, so
it could not show whether concurrent submissions queue on the database's write lock, which is the
thing this figure is about. The clients run in this process; they cost the same for both views.

Submissions go to the real kiosk endpoint (voice:api-responses) when it exists, else to a stand-in
with the same body shape that calls voice.services.response_submit (bench/bare_urls.py).

The server writes to the benchmark database for real (a subprocess cannot share a rolled-back
transaction): the benchmark's own survey and its responses are deleted at the end; the audit events
of creating it stay, as the audit trail is append-only."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import queue
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from accounts.constants import Role
from accounts.models import User
from bench.measure import Result, peak_rss_mb, ratio_result
from organisations.constants import OrganisationKind
from voice.constants import Audience, Eligibility
from voice.mixing_services import responses_mix
from voice.models import Response, SafeguardingAlert, SealedResponse, Survey
from voice.services import survey_create, survey_publish

# Kiosk submissions: at least half the bare view's requests per second, i.e. at most twice its time.
THROUGHPUT_TARGET = 0.5
TIME_TARGET = 1 / THROUGHPUT_TARGET
BARE_PATH = "/bench/bare/"
STAND_IN_PATH = "/bench/kiosk-submit/"
RETRIED = 10_000
IN_PROCESS = "in-process"
THREADS = 2
RATINGS = ("very_good", "good", "neither", "poor", "very_poor", "dont_know")
COMMENTS = ("The library is open more", "Visits were cancelled twice", "", "Food is cold by the time it arrives")


def kiosk_path() -> str:
    try:
        return reverse("voice:api-responses")
    except NoReverseMatch:
        return STAND_IN_PATH


# --- the server -----------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def gunicorn(*, workers: int, threads: int) -> Iterator[str]:
    """A gunicorn serving this project with this run's environment (so the same database); yields
    its base URL and stops it afterwards."""
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "bench.bare_urls:wsgi_app()",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--worker-class",
        "gthread",
        "--keep-alive",
        "30",
        "--log-level",
        "warning",
    ]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings")}
    process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env)  # noqa: S603 - our own fixed command
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("POST", BARE_PATH, body=b"{}", headers={"Content-Type": "application/json"})
                if connection.getresponse().status == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start for the kiosk benchmark")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


# --- the clients ----------------------------------------------------------------------------------


@dataclass
class Load:
    seconds: float
    statuses: Counter[int]

    @property
    def per_second(self) -> float:
        return sum(self.statuses.values()) / self.seconds if self.seconds else 0.0


def send_all(base_url: str, requests: list[tuple[str, bytes]], *, concurrency: int) -> Load:
    """POST every (path, body) with `concurrency` client threads, each on its own keep-alive
    connection, taking the next request as soon as its last one is answered."""
    if base_url == IN_PROCESS:
        return _send_in_process(requests)
    parts = urlsplit(base_url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    work: queue.SimpleQueue[tuple[str, bytes] | None] = queue.SimpleQueue()
    for item in requests:
        work.put(item)
    for _ in range(concurrency):
        work.put(None)
    statuses: Counter[int] = Counter()
    lock = threading.Lock()
    start = threading.Barrier(concurrency + 1)

    def client() -> None:
        connection = http.client.HTTPConnection(host, port, timeout=60)
        seen: Counter[int] = Counter()
        start.wait()
        while (item := work.get()) is not None:
            path, body = item
            for attempt in range(3):
                try:
                    connection.request("POST", path, body=body, headers={"Content-Type": "application/json"})
                    response = connection.getresponse()
                    response.read()
                    seen[response.status] += 1
                    break
                except (http.client.HTTPException, OSError):
                    # The server closed a kept-alive connection: a kiosk would retry, so do we.
                    connection.close()
                    connection = http.client.HTTPConnection(host, port, timeout=60)
                    if attempt == 2:
                        seen[0] += 1
        connection.close()
        with lock:
            statuses.update(seen)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(concurrency)]
    for t in threads:
        t.start()
    start.wait()
    started = time.perf_counter()
    for t in threads:
        t.join()
    return Load(seconds=time.perf_counter() - started, statuses=statuses)


def _send_in_process(requests: list[tuple[str, bytes]]) -> Load:
    """One at a time through django.test.Client and the full middleware, on this process's database
    connection (tests: an in-memory test database cannot be shared with a server)."""
    from django.test import Client

    client = Client()
    statuses: Counter[int] = Counter()
    started = time.perf_counter()
    for path, body in requests:
        statuses[client.post(path, body, content_type="application/json").status_code] += 1
    return Load(seconds=time.perf_counter() - started, statuses=statuses)


def submission(survey: Survey, rng: random.Random, submission_id: str | None = None) -> bytes:
    """A kiosk's JSON body for one person's answers (the shape voice:api-responses takes)."""
    answers: dict[str, Any] = {"overall": rng.choice(RATINGS)}
    comment = rng.choice(COMMENTS)
    if comment:
        answers["overall_why"] = comment
    body = {
        "survey": survey.pk,
        "survey_id": survey.pk,
        "version": 1,
        "answers": answers,
        "submission_id": submission_id or str(uuid.UUID(int=rng.getrandbits(128))),
        "channel": "kiosk",
        "language": "en",
        "easy_read": False,
        "pass": None,
    }
    return json.dumps(body).encode()


# --- the survey -----------------------------------------------------------------------------------


def bench_survey() -> Survey:
    """A feedback survey open to anyone, made through the services by an involvement lead."""
    lead = (
        User.objects.filter(
            role=Role.INVOLVEMENT_LEAD,
            is_active=True,
            organisation__kind__in=(OrganisationKind.ESTABLISHMENT, OrganisationKind.DELIVERY_UNIT),
        )
        .order_by("pk")
        .first()
    )
    if lead is None:
        raise RuntimeError("The kiosk benchmark needs an involvement lead at a prison: load the demo dataset")
    survey = survey_create(
        acting_user=lead,
        title="Kiosk benchmark survey",
        audience=Audience.IN_CUSTODY,
        eligibility=Eligibility.OPEN,
        about_id=lead.organisation_id,
    )
    survey_publish(acting_user=lead, survey_id=survey.pk)
    return survey


def stored(survey: Survey) -> int:
    """The survey's stored responses, counted once every sealed one has been mixed in (as closing
    the survey, or the daily `voice_mix`, would): sealed responses are stored, only not yet shown."""
    responses_mix(minimum=1)
    return Response.objects.filter(version__survey=survey).count()


def remove(survey: Survey) -> None:
    SealedResponse.objects.filter(version__survey=survey).delete()
    SafeguardingAlert.objects.filter(response__version__survey=survey).delete()
    Response.objects.filter(version__survey=survey).delete()
    survey.versions.all().delete()
    survey.delete()


# --- the measurements -----------------------------------------------------------------------------


def throughput(
    base_url: str, survey: Survey, *, requests: int, concurrency: int, rounds: int, rng: random.Random
) -> tuple[float, float, Counter[int]]:
    """Requests per second of the bare view and of kiosk submissions, over `rounds` alternating
    rounds: see `paired` for how the rounds make one figure."""
    path = kiosk_path()
    bare_body = submission(survey, rng)
    bare_rates, kiosk_rates = [], []
    statuses: Counter[int] = Counter()
    # Warm up both (imports, connections, the first query of each worker).
    send_all(base_url, [(BARE_PATH, bare_body)] * concurrency * 4, concurrency=concurrency)
    send_all(base_url, [(path, submission(survey, rng)) for _ in range(concurrency * 4)], concurrency=concurrency)
    for _ in range(rounds):
        bare = send_all(base_url, [(BARE_PATH, bare_body)] * requests, concurrency=concurrency)
        kiosk = send_all(base_url, [(path, submission(survey, rng)) for _ in range(requests)], concurrency=concurrency)
        if set(bare.statuses) != {200}:
            raise AssertionError(f"the bare view answered {dict(bare.statuses)}")
        statuses.update(kiosk.statuses)
        bare_rates.append(bare.per_second)
        kiosk_rates.append(kiosk.per_second)
    bare_rate, kiosk_rate = paired(bare_rates, kiosk_rates)
    return bare_rate, kiosk_rate, statuses


def paired(bare_rates: list[float], kiosk_rates: list[float]) -> tuple[float, float]:
    """The bare view's median rate, and the kiosk's as that rate times the median of each round's
    kiosk-to-bare ratio: each kiosk round is compared with the bare round just before it, so a
    shared machine that slows down or speeds up between rounds moves both sides of each ratio
    alike. (The median of each side alone let one slow round on one side move the figure by a
    fifth: make bench read 0.60, 0.60 and 0.50 of the bare view on the same code.)"""
    bare = statistics.median(bare_rates)
    ratio = statistics.median(kiosk / base for base, kiosk in zip(bare_rates, kiosk_rates, strict=True))
    return bare, bare * ratio


def retried(
    base_url: str, survey: Survey, *, submissions: int, concurrency: int, rng: random.Random
) -> tuple[int, int, Counter[int]]:
    """Send `submissions` distinct submissions 2 or 3 times each; return (sent, stored, statuses).
    The copies are spread so that most arrive close together on different connections (a kiosk
    retrying while its first try is still in flight), the rest later (a replay from its queue)."""
    before = stored(survey)
    requests: list[tuple[str, bytes]] = []
    path = kiosk_path()
    late: list[tuple[str, bytes]] = []
    for _ in range(submissions):
        body = submission(survey, rng)
        copies = 2 if rng.random() < 0.5 else 3
        requests += [(path, body)] * (copies - 1)
        late.append((path, body))
    # Copies next to each other in the queue go out at the same moment on different client threads.
    rng.shuffle(late)
    everything = requests + late
    load = send_all(base_url, everything, concurrency=concurrency)
    return len(everything), stored(survey) - before, load.statuses


def run(*, quick: bool = False, workers: int | None = None, threads: int = THREADS) -> list[Result]:
    """Both kiosk benchmarks against a gunicorn with this run's settings and database."""
    workers = workers or max(2, min(4, os.cpu_count() or 2))
    concurrency = workers * threads * 2
    rng = random.Random(2026)
    survey = bench_survey()
    try:
        with gunicorn(workers=workers, threads=threads) as base_url:
            bare, kiosk, statuses = throughput(
                base_url,
                survey,
                requests=1000 if quick else 3000,
                concurrency=concurrency,
                rounds=3 if quick else 5,
                rng=rng,
            )
            sent, arrived, retry_statuses = retried(
                base_url, survey, submissions=RETRIED, concurrency=concurrency, rng=rng
            )
    finally:
        remove(survey)
    return results(
        bare=bare,
        kiosk=kiosk,
        statuses=statuses,
        sent=sent,
        arrived=arrived,
        retry_statuses=retry_statuses,
        submissions=RETRIED,
        how=(
            f"gunicorn gthread, {workers} workers x {threads} threads, {concurrency} client connections,"
            f" {3 if quick else 5} rounds each paired with a bare round"
        ),
    )


def results(
    *,
    bare: float,
    kiosk: float,
    statuses: Counter[int],
    sent: int,
    arrived: int,
    retry_statuses: Counter[int],
    submissions: int,
    how: str,
) -> list[Result]:
    ok = set(statuses) <= {200, 201}
    timing = ratio_result(
        name="kiosk_submission_time_per_request",
        figure=1 / kiosk if kiosk else float("inf"),
        baseline=1 / bare,
        target=TIME_TARGET,
        note=(
            f"throughput {kiosk:.0f} submissions/s against the bare view's {bare:.0f} requests/s = "
            f"{kiosk / bare:.2f} of it (target >= {THROUGHPUT_TARGET}); {how}; endpoint {kiosk_path()}; "
            f"answers {dict(statuses)}"
        ),
    )
    if not ok:
        timing.passed = False
    exact = Result(
        name="kiosk_retried_submissions_stored_once",
        figure=arrived,
        unit="responses",
        baseline=submissions,
        ratio=round(arrived / submissions, 4),
        target=1.0,
        passed=arrived == submissions and set(retry_statuses) <= {200, 201},
        peak_rss_mb=peak_rss_mb(),
        note=f"{submissions:,} submissions sent {sent:,} times (2 or 3 each, copies concurrently); "
        f"answers {dict(retry_statuses)}; passes only when exactly {submissions:,} are stored",
    )
    return [timing, exact]
