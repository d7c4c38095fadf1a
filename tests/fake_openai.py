"""A tiny OpenAI-compatible HTTP server for tests: real sockets, canned completions.

``FakeOpenAI.mode`` switches behaviour between requests: "ok" (answer citing [1]), "bad_citation"
(cites a passage that was not given), "slow" (sleeps past the client timeout), "error" (HTTP 500),
"not_found" (the model says the passages do not answer).

``/v1/embeddings`` answers with ``FakeOpenAI.embed`` (texts -> vectors), set by a test to a real local model so
the endpoint behaves as Text Embeddings Inference serving that model would; "error" gives HTTP 500 there too.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeOpenAI:
    def __init__(self) -> None:
        self.mode = "ok"
        self.requests: list[dict[str, Any]] = []
        self.answer_text = "Volgens de informatienota doen 11 gemeenten mee aan de campagne [1]."
        #: Reply to the eval's judge prompt (recognised by its first words), so one server serves both roles.
        self.judge_reply = '{"trouw": 0.9, "relevant": 0.6}'
        self.embed: Callable[[list[str]], list[list[float]]] | None = None
        self.embedded: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                server.requests.append(body)
                if server.mode == "error":
                    self._send(500, {"error": {"message": "boom", "type": "server_error"}})
                    return
                if self.path.endswith("/embeddings"):
                    texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
                    assert server.embed is not None and all(isinstance(t, str) for t in texts)
                    server.embedded.extend(texts)
                    data = [{"object": "embedding", "index": i, "embedding": v}
                            for i, v in enumerate(server.embed(texts))]  # fmt: skip
                    self._send(200, {"object": "list", "data": data, "model": body.get("model"),
                                     "usage": {"prompt_tokens": 1, "total_tokens": 1}})  # fmt: skip
                    return
                if server.mode == "slow":
                    time.sleep(3)
                content = {
                    "ok": server.answer_text,
                    "slow": server.answer_text,
                    "bad_citation": "Er doen 11 gemeenten mee [7].",
                    "not_found": "Dat kan ik niet vinden in de beschikbare documenten.",
                }[server.mode]
                if "Je beoordeelt" in json.dumps(body.get("messages", []), ensure_ascii=False):
                    content = server.judge_reply
                self._send(
                    200,
                    {
                        "id": "chatcmpl-test",
                        "object": "chat.completion",
                        "created": int(time.time()),
                        "model": body.get("model", "fake"),
                        "choices": [
                            {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}
                        ],
                        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                    },
                )

            def _send(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError):
                    self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def __enter__(self) -> FakeOpenAI:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
